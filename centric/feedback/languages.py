"""The language codes feedback may carry, as the ingestion API and file imports both check them:
ISO 639-1's two letters (or a three-letter code), with a region or script after a hyphen
(``pt-BR``, ``zh-Hant``). Data only, for the checks of both, which read no models."""

from __future__ import annotations

import re

from django.conf.locale import LANG_INFO

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$")
# the languages a code may name before its region: ISO 639-1's, and the three-letter codes
# Django has translations for (ast, ckb, dsb, …). "xx" names none, and would be read as English
LANGUAGES_KNOWN = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh
    zu""".split()  # noqa: SIM905 - the codes read best as words, not as a column of strings
) | {code.partition("-")[0] for code in LANG_INFO}
