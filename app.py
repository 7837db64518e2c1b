"""menuplanner dashboard: routes to the pages. Who is signed in, and so which workspace this
session works in, is settled first (pages/ui/auth.py; without sign-in set up, the one local
workspace). The navigation comes next, before any work: until app.py calls st.navigation,
Streamlit would list the files of pages/ itself. On a first run every session then waits for the
one build of the database (pages/ui/first_run.py). The database is opened for this script run
only, and released when the run ends so that a notebook or the command line can use it between
runs (see pages/ui/database.py).

This file is read two ways. `streamlit run app.py` first imports it as a module and finds
`app`, an `st.App` serving this same file, whose start-up imports the heavy libraries in the
background (pages/ui/warm_up.py) while the first browser loads; every session's script run
then executes it as `__main__` and draws the app, as AppTest does."""

import streamlit as st

if __name__ != "__main__":  # imported by `streamlit run` to serve it
    from pages.ui.warm_up import lifespan

    app = st.App(__file__, lifespan=lifespan)
else:  # a session's script run
    from pages.ui import addresses, auth, database, first_run, page_memo, widget_state_lookup
    from pages.ui.client_picker import sidebar_client_picker

    widget_state_lookup.install()  # a widget's draw no longer copies the whole session state

    # A Material icon, not an emoji: checking an emoji loads Streamlit's emoji table (0.1–0.2 s
    # of every server's first page)
    st.set_page_config(page_title="menuplanner", page_icon=":material/restaurant:", layout="wide")
    DASHBOARD = st.Page(
        "pages/home.py",
        title="Dashboard",
        icon=":material/dashboard:",
        url_path="dashboard",  # shown at the app's root address; "home" is an old address
        default=True,
    )
    PAGES = {
        "Plan": [
            DASHBOARD,
            st.Page(
                "pages/menu_builder.py", title="Menu builder", icon=":material/calendar_month:"
            ),
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
    # Old and mistyped addresses (/home, /menu-builder) switch to their page, without a dialog
    others = addresses.aliases([page for group in PAGES.values() for page in group], DASHBOARD)
    navigation = st.navigation({**PAGES, "Plan": PAGES["Plan"] + others})
    page_memo.start_visit(navigation.url_path)
    first_run.wait_for_database()  # on a first run: the build's progress, then stop until done
    database.begin_run()
    try:
        sidebar_client_picker()
        navigation.run()
    finally:
        database.end_run()
