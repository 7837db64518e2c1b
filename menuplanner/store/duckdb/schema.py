"""Tables of the DuckDB database. The bundled reference data (dataset 1 and its foods) is shared
by all workspaces; every user-owned row carries its workspace id, and so does every imported
dataset (its foods are seen only by that workspace)."""

SCHEMA_VERSION = 5  # the latest of migrations.py: a new file is built at it
SR26_DATASET_ID = 1  # the bundled USDA tables; imported datasets get other ids

# workspace_id: who imported the dataset; NULL for shared data (the bundled USDA tables). Names
# are unique per workspace, so a name taken in another workspace is free (and says nothing).
DATASETS_COLUMNS = """
        dataset_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, version VARCHAR,
        licence VARCHAR, source_file VARCHAR, source_hash VARCHAR,
        imported_at TIMESTAMP NOT NULL, food_count INTEGER NOT NULL,
        nutrient_value_count INTEGER NOT NULL, portion_count INTEGER NOT NULL,
        workspace_id VARCHAR, UNIQUE (workspace_id, name)"""

REFERENCE_TABLES = (
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)""",
    "CREATE TABLE IF NOT EXISTS datasets (" + DATASETS_COLUMNS + ")",
    """CREATE TABLE IF NOT EXISTS food_groups (
        group_code VARCHAR PRIMARY KEY, group_name VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS nutrients (
        nutrient VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, unit VARCHAR NOT NULL,
        nutrient_group VARCHAR NOT NULL, usda_number VARCHAR, sort_order INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS foods (
        food_id BIGINT PRIMARY KEY, dataset_id INTEGER NOT NULL, source_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL, short_name VARCHAR, group_code VARCHAR NOT NULL,
        common_name VARCHAR NOT NULL DEFAULT '', manufacturer VARCHAR NOT NULL DEFAULT '',
        is_common BOOLEAN NOT NULL DEFAULT false, is_branded BOOLEAN NOT NULL DEFAULT false,
        portion_count INTEGER NOT NULL DEFAULT 0,
        refuse_pct DOUBLE NOT NULL DEFAULT 0, sci_name VARCHAR NOT NULL DEFAULT '',
        protein_factor DOUBLE, fat_factor DOUBLE, carbohydrate_factor DOUBLE,
        search_text VARCHAR NOT NULL, ingredients VARCHAR NOT NULL DEFAULT '',
        UNIQUE (dataset_id, source_id))""",
    """CREATE TABLE IF NOT EXISTS food_nutrients (
        food_id BIGINT NOT NULL, nutrient VARCHAR NOT NULL, amount DOUBLE NOT NULL,
        PRIMARY KEY (food_id, nutrient))""",
    """CREATE TABLE IF NOT EXISTS portions (
        food_id BIGINT NOT NULL, seq INTEGER NOT NULL, amount DOUBLE NOT NULL,
        description VARCHAR NOT NULL, gram_weight DOUBLE NOT NULL, PRIMARY KEY (food_id, seq))""",
)

# Imported datasets (menuplanner/imports): how each was imported, and notes on single values
# (which energy was used, values below detection stored as 0). Created on first import too, so
# databases built before these tables existed need no rebuild.
IMPORT_TABLES = (
    """CREATE TABLE IF NOT EXISTS dataset_imports (
        dataset_id INTEGER PRIMARY KEY, format VARCHAR NOT NULL, source_size BIGINT,
        rows_imported BIGINT NOT NULL, rows_skipped BIGINT NOT NULL, foods_skipped BIGINT NOT NULL,
        energy_sources JSON NOT NULL, settings JSON NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS food_nutrient_notes (
        food_id BIGINT NOT NULL, nutrient VARCHAR NOT NULL, note VARCHAR NOT NULL,
        PRIMARY KEY (food_id, nutrient))""",
)
REFERENCE_TABLES += IMPORT_TABLES

# The Dietary Reference Intakes (data/dri, menuplanner/dri): values per life stage and nutrient,
# and how each nutrient's are read. Source and date are meta rows (dri_source, dri_date).
DRI_TABLES = (
    """CREATE TABLE IF NOT EXISTS reference_intakes (
        life_stage VARCHAR NOT NULL, nutrient VARCHAR NOT NULL, unit VARCHAR NOT NULL,
        kind VARCHAR NOT NULL, goal DOUBLE NOT NULL, upper_kind VARCHAR, upper DOUBLE,
        PRIMARY KEY (life_stage, nutrient))""",
    """CREATE TABLE IF NOT EXISTS reference_intake_notes (
        nutrient VARCHAR PRIMARY KEY, upper_applies_to VARCHAR, upper_note VARCHAR,
        measure_note VARCHAR)""",
)
REFERENCE_TABLES += DRI_TABLES

# A workspace's settings (the energy unit, kcal or kJ), one row per setting it changed.
WORKSPACE_SETTINGS = """CREATE TABLE IF NOT EXISTS workspace_settings (
        workspace_id VARCHAR NOT NULL, key VARCHAR NOT NULL, value VARCHAR NOT NULL,
        PRIMARY KEY (workspace_id, key))"""

API_KEYS = """CREATE TABLE IF NOT EXISTS api_keys (
        key_id BIGINT PRIMARY KEY, workspace_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
        token_sha256 VARCHAR NOT NULL UNIQUE, created TIMESTAMPTZ NOT NULL,
        last_used TIMESTAMPTZ, revoked BOOLEAN NOT NULL DEFAULT false)"""

USER_TABLES = (
    """CREATE SEQUENCE IF NOT EXISTS user_row_ids START 1""",
    """CREATE TABLE IF NOT EXISTS food_tag_overrides (
        workspace_id VARCHAR NOT NULL, food_id BIGINT NOT NULL, tags VARCHAR[] NOT NULL,
        PRIMARY KEY (workspace_id, food_id))""",
    """CREATE TABLE IF NOT EXISTS clients (
        client_id BIGINT PRIMARY KEY, workspace_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
        sex VARCHAR NOT NULL, birth_year INTEGER, height_cm DOUBLE, weight_kg DOUBLE,
        activity VARCHAR NOT NULL, goal VARCHAR NOT NULL, allergies VARCHAR[] NOT NULL,
        diets VARCHAR[] NOT NULL, dislikes VARCHAR[] NOT NULL, notes VARCHAR NOT NULL,
        protein_g_per_kg DOUBLE NOT NULL, fat_pct DOUBLE NOT NULL,
        manual_targets JSON, is_demo BOOLEAN NOT NULL DEFAULT false,
        life_condition VARCHAR NOT NULL DEFAULT 'none', nutrient_goals JSON,
        UNIQUE (workspace_id, name))""",
    """CREATE TABLE IF NOT EXISTS recipes (
        recipe_id BIGINT PRIMARY KEY, workspace_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
        servings DOUBLE NOT NULL, method VARCHAR NOT NULL,
        is_demo BOOLEAN NOT NULL DEFAULT false, UNIQUE (workspace_id, name))""",
    """CREATE TABLE IF NOT EXISTS recipe_ingredients (
        recipe_id BIGINT NOT NULL, position INTEGER NOT NULL, food_id BIGINT NOT NULL,
        quantity DOUBLE NOT NULL, unit VARCHAR NOT NULL, grams DOUBLE NOT NULL,
        PRIMARY KEY (recipe_id, position))""",
    """CREATE TABLE IF NOT EXISTS menus (
        menu_id BIGINT PRIMARY KEY, workspace_id VARCHAR NOT NULL, client_id BIGINT NOT NULL,
        name VARCHAR NOT NULL, start_date DATE NOT NULL, days INTEGER NOT NULL,
        slots VARCHAR[] NOT NULL, day_targets JSON, is_demo BOOLEAN NOT NULL DEFAULT false,
        version INTEGER NOT NULL DEFAULT 0, UNIQUE (workspace_id, client_id, name))""",
    """CREATE TABLE IF NOT EXISTS menu_items (
        item_id BIGINT PRIMARY KEY, menu_id BIGINT NOT NULL, day INTEGER NOT NULL,
        slot VARCHAR NOT NULL, position INTEGER NOT NULL, kind VARCHAR NOT NULL,
        ref_id BIGINT NOT NULL, quantity DOUBLE NOT NULL, unit VARCHAR NOT NULL, grams DOUBLE,
        label VARCHAR NOT NULL, locked BOOLEAN NOT NULL DEFAULT false)""",
    # Menu generation (menuplanner.planning): a user's per-food meal rules and portion limits
    # (meals NULL = the documented rules decide, [] = never suggested), and food prices.
    """CREATE TABLE IF NOT EXISTS planning_rules (
        workspace_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, ref_id BIGINT NOT NULL,
        meals VARCHAR[], min_grams DOUBLE, max_grams DOUBLE,
        PRIMARY KEY (workspace_id, kind, ref_id))""",
    """CREATE TABLE IF NOT EXISTS food_prices (
        workspace_id VARCHAR NOT NULL, food_id BIGINT NOT NULL, price_per_kg DOUBLE NOT NULL,
        PRIMARY KEY (workspace_id, food_id))""",
    WORKSPACE_SETTINGS,
    API_KEYS,
)

ALL_TABLES = REFERENCE_TABLES + USER_TABLES

# Tables whose rows a user made; `menuplanner init` refuses to drop them without --force.
USER_DATA_TABLES = ("clients", "recipes", "menus")
