"""The closed loop: rules turn feedback into cases with one owner and a business-hours SLA."""
