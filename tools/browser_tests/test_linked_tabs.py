"""In a real browser: the reader's choice of model follows them from page to page."""

from __future__ import annotations

from playwright.sync_api import Page


def selected_tab_labels(page: Page) -> list[str]:
    """The label of the checked tab in every tab set of the page, in order."""
    return page.eval_on_selector_all(
        ".tabbed-set",
        """sets => sets.map(set => {
            const checked = set.querySelector(':scope > input:checked');
            return set.querySelector(`label[for="${checked.id}"]`).innerText.trim();
        })""",
    )


def visible_tab_code(page: Page) -> str:
    return "\n".join(page.locator(".tabbed-block:visible .highlight").all_inner_texts())


def test_the_chosen_model_follows_the_reader_to_the_next_page(page, site_url):
    page.goto(f"{site_url}/programming-model/")
    page.get_by_text("v2 model", exact=True).first.click()

    # Every tab set on the page switched together.
    assert set(selected_tab_labels(page)) == {"v2 model"}

    page.goto(f"{site_url}/unit-testing/")

    assert set(selected_tab_labels(page)) == {"v2 model"}
    assert '@app.function_name(name="DoubleValue")' in visible_tab_code(page)
    assert "def main(req: func.HttpRequest)" not in visible_tab_code(page)

    page.get_by_text("v1 model", exact=True).first.click()
    page.goto(f"{site_url}/http-trigger/")

    assert set(selected_tab_labels(page)) == {"v1 model"}
    assert "def main(req: func.HttpRequest)" in visible_tab_code(page)
