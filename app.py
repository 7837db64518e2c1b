"""menuplanner dashboard: routes to the pages; the shared connection is opened here first so a
first run shows the database build before any page draws."""

import streamlit as st

from pages.ui import database
from pages.ui.client_picker import sidebar_client_picker

st.set_page_config(page_title="menuplanner", page_icon="🥗", layout="wide")
database.connection()

navigation = st.navigation(
    {
        "Plan": [
            st.Page("pages/home.py", title="Dashboard", icon=":material/dashboard:", default=True),
            st.Page("pages/menu_builder.py", title="Menu builder", icon=":material/calendar_month:"),
            st.Page("pages/clients.py", title="Clients", icon=":material/group:"),
            st.Page("pages/recipes.py", title="Recipes", icon=":material/menu_book:"),
            st.Page("pages/generate.py", title="Generate", icon=":material/auto_awesome:"),
            st.Page("pages/export.py", title="Export and share", icon=":material/ios_share:"),
        ],
        "Nutrition data": [
            st.Page("pages/foods.py", title="Foods", icon=":material/nutrition:"),
            st.Page("pages/imports.py", title="Import data", icon=":material/upload_file:"),
        ],
    }
)
sidebar_client_picker()
navigation.run()
