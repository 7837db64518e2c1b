"""menuplanner dashboard: routes to the pages. Who is signed in, and so which workspace this
session works in, is settled first (pages/ui/auth.py; without sign-in set up, the one local
workspace). The database is opened next, for this script run only (a first run shows its build
before any page draws), and released when the run ends so that a notebook or the command line
can use it between runs (see pages/ui/database.py)."""

import streamlit as st

from pages.ui import auth, database
from pages.ui.client_picker import sidebar_client_picker

st.set_page_config(page_title="menuplanner", page_icon="🥗", layout="wide")
PAGES = {
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
    "Connect": [
        st.Page("pages/api_keys.py", title="API keys", icon=":material/key:"),
    ],
}
auth.require_workspace(PAGES)  # may show the sign-in screen (at any page's address) and stop
database.begin_run()

navigation = st.navigation(PAGES)
try:
    sidebar_client_picker()
    navigation.run()
finally:
    database.end_run()
