"""eenplan: one household, one plan, one contact person."""
