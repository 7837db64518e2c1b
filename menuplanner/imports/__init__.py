"""Nutrition imports: FoodData Central downloads and national food-composition tables.

Reading (files.py, sniff.py, fdc.py, table.py), cleaning numbers as real tables write them
(numbers.py), matching columns to our nutrients (mapping.py), one validation point through
Pandera models (schemas.py, validate.py) and the report a user reads (report.py). The result is a
`PreparedImport` (prepared.py) that the store writes in one transaction. Nothing here imports
streamlit or duckdb.
"""
