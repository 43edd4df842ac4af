"""Going somewhere through the grouped main menu (templates/base.html, static/js/meny.js)."""


def gaa_til(page, gruppe: str, lenke: str) -> None:
    """Open the menu group and follow one of its links, as a user does."""
    meny = page.get_by_role("navigation", name="Hovedmeny")
    meny.get_by_role("button", name=gruppe, exact=True).click()
    meny.get_by_role("link", name=lenke, exact=True).click()
