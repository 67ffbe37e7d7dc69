def load_budget_demo(**kwargs) -> None:
    return None
