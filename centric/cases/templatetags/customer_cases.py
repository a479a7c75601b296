"""A customer's cases on its account's or team's page: what is being done about what they said."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from centric.cases.selectors import OPEN_STATES, cases_visible_to
from centric.core import clock
from centric.customers.models import Customer
from centric.people.models import User

register = template.Library()

SHOWN = 10
YEAR = dt.timedelta(days=365)


@register.inclusion_tag("cases/_customer_cases.html")
def customer_cases(customer: Customer, user: User) -> dict[str, Any]:
    """The customer's open cases the reader may see, soonest deadline first, and how many were
    resolved or closed in the last 12 months."""
    theirs = cases_visible_to(user).filter(customer=customer)
    open_cases = theirs.filter(state__in=OPEN_STATES).select_related("owner", "team")
    finished = theirs.exclude(state__in=OPEN_STATES).filter(opened_at__gte=clock.now() - YEAR)
    return {
        "customer": customer,
        "open": list(open_cases.order_by("resolution_due", "pk")[:SHOWN]),
        "open_count": open_cases.count(),
        "finished_count": finished.count(),
    }
