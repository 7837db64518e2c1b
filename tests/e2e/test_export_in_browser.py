"""A dietitian downloads the demo week's PDF and shopping list from the Export page in a real
browser: the files arrive, named after the client and menu, and say what the app says."""

from __future__ import annotations

from pathlib import Path

import pytest

from menuplanner.export.pdftext import pdf_pages


@pytest.mark.e2e
def test_the_demo_week_pdf_and_shopping_list_download(
    app_url: str, browser_page, screenshot_dir: Path
) -> None:
    page = browser_page
    try:
        page.goto(app_url + "/export")
        page.locator("h1").filter(has_text="Export and share").first.wait_for()
        button = page.get_by_role("button", name="Download PDF")
        button.wait_for()
        with page.expect_download() as download:
            button.click()
        pdf = download.value
        assert pdf.suggested_filename == "Maya Jensen (demo) - Demo week.pdf"
        pages = pdf_pages(Path(pdf.path()).read_bytes())
        assert "Meal plan for Maya Jensen (demo)" in pages[0]
        assert "Oatmeal with blueberries and walnuts 1 serving" in pages[1]

        page.get_by_role("tab", name="Shopping list").click()
        button = page.get_by_role("button", name="Download shopping list (CSV)")
        button.wait_for()
        with page.expect_download() as download:
            button.click()
        rows = Path(download.value.path()).read_text("utf-8-sig").splitlines()
        assert rows[0] == "aisle,food,food_id,amount,unit,eaten_g,refuse_pct,to_buy_g,got_it"
        assert any(row.startswith("Fruit and vegetables,Banana,9040,7,") for row in rows)
    finally:
        page.screenshot(path=screenshot_dir / "export.png", full_page=True)
