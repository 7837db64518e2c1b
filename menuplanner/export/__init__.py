"""Handing a menu to the client and to other programs: the client's PDF and printable page, the
shopping list, spreadsheets of the items, and the menu exchange file.

Every number comes from the totals engine (menuplanner.nutrition) through the menu report the app
shows, so a PDF says what the menu builder says. `document` turns a report into the text to print
once; `pdf` and `html` only lay that text out. Nothing here opens a database or imports Streamlit:
`menuplanner.services.export` loads what these functions need through a unit of work.
"""
