"""The PostgreSQL layout: version 3 (the first with PostgreSQL: the layout DuckDB files reach
with their migrations 1–3), written by migrations.py's baseline, and what each later version
adds (VERSION_4: micronutrient goals, the Dietary Reference Intakes, workspace settings;
VERSION_5: the HTTP API's keys).

The same tables and columns as the DuckDB file (store/duckdb/schema.py), in PostgreSQL's types,
plus what this engine needs of its own:

- `foods.name_words` and `foods.head_words`: the folded, stemmed words of a food's name and of
  its head (before the first comma), written by the adapter with `domain.search.words`, so that
  search ranks in SQL exactly as `domain.search.rank_key` does in Python;
- a pg_trgm index on `foods.search_text`: a search word must start a word of the name
  (`search_text LIKE '% word%'`), which the trigram index answers without reading every food;
- sequences for ids every workspace shares (a workspace cannot see the others' rows to take
  the next id after them);
- row-level security: every row of a workspace is seen only inside a transaction that set
  `menuplanner.workspace` to it (see `POLICIES`); the app's role is the role `APP_ROLE` grants
  the data to, and owns nothing.
"""

from __future__ import annotations

APP_ROLE = "menuplanner_app"  # a group role; the app logs in as a member of it
WORKSPACE = "current_setting('menuplanner.workspace', true)"

TABLES = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)",
    """CREATE TABLE datasets (
        dataset_id integer PRIMARY KEY, name text NOT NULL, version text, licence text,
        source_file text, source_hash text, imported_at timestamp NOT NULL,
        food_count integer NOT NULL, nutrient_value_count integer NOT NULL,
        portion_count integer NOT NULL, workspace_id text, UNIQUE (workspace_id, name))""",
    """CREATE TABLE food_groups (group_code text PRIMARY KEY, group_name text NOT NULL)""",
    """CREATE TABLE nutrients (
        nutrient text PRIMARY KEY, name text NOT NULL, unit text NOT NULL,
        nutrient_group text NOT NULL, usda_number text, sort_order integer NOT NULL)""",
    """CREATE TABLE foods (
        food_id bigint PRIMARY KEY, dataset_id integer NOT NULL, source_id text NOT NULL,
        name text NOT NULL, short_name text, group_code text NOT NULL,
        common_name text NOT NULL DEFAULT '', manufacturer text NOT NULL DEFAULT '',
        is_common boolean NOT NULL DEFAULT false, is_branded boolean NOT NULL DEFAULT false,
        portion_count integer NOT NULL DEFAULT 0,
        refuse_pct double precision NOT NULL DEFAULT 0, sci_name text NOT NULL DEFAULT '',
        protein_factor double precision, fat_factor double precision,
        carbohydrate_factor double precision, search_text text NOT NULL,
        ingredients text NOT NULL DEFAULT '',
        name_words text[] NOT NULL DEFAULT '{}', head_words text[] NOT NULL DEFAULT '{}',
        UNIQUE (dataset_id, source_id))""",
    "CREATE INDEX foods_search_text ON foods USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX foods_dataset ON foods (dataset_id)",
    """CREATE TABLE food_nutrients (
        food_id bigint NOT NULL, nutrient text NOT NULL, amount double precision NOT NULL,
        PRIMARY KEY (food_id, nutrient))""",
    """CREATE TABLE portions (
        food_id bigint NOT NULL, seq integer NOT NULL, amount double precision NOT NULL,
        description text NOT NULL, gram_weight double precision NOT NULL,
        PRIMARY KEY (food_id, seq))""",
    """CREATE TABLE dataset_imports (
        dataset_id integer PRIMARY KEY, format text NOT NULL, source_size bigint,
        rows_imported bigint NOT NULL, rows_skipped bigint NOT NULL,
        foods_skipped bigint NOT NULL, energy_sources text NOT NULL, settings text NOT NULL)""",
    """CREATE TABLE food_nutrient_notes (
        food_id bigint NOT NULL, nutrient text NOT NULL, note text NOT NULL,
        PRIMARY KEY (food_id, nutrient))""",
    "CREATE SEQUENCE user_row_ids START 1",
    "CREATE SEQUENCE dataset_ids START 2",  # 1 is the bundled USDA data
    "CREATE SEQUENCE food_ids START 1000000",  # SR26's NDB numbers stay below 100,000
    """CREATE TABLE food_tag_overrides (
        workspace_id text NOT NULL, food_id bigint NOT NULL, tags text[] NOT NULL,
        PRIMARY KEY (workspace_id, food_id))""",
    """CREATE TABLE clients (
        client_id bigint PRIMARY KEY, workspace_id text NOT NULL, name text NOT NULL,
        sex text NOT NULL, birth_year integer, height_cm double precision,
        weight_kg double precision, activity text NOT NULL, goal text NOT NULL,
        allergies text[] NOT NULL, diets text[] NOT NULL, dislikes text[] NOT NULL,
        notes text NOT NULL, protein_g_per_kg double precision NOT NULL,
        fat_pct double precision NOT NULL, manual_targets text,
        is_demo boolean NOT NULL DEFAULT false, UNIQUE (workspace_id, name))""",
    """CREATE TABLE recipes (
        recipe_id bigint PRIMARY KEY, workspace_id text NOT NULL, name text NOT NULL,
        servings double precision NOT NULL, method text NOT NULL,
        is_demo boolean NOT NULL DEFAULT false, UNIQUE (workspace_id, name))""",
    """CREATE TABLE recipe_ingredients (
        recipe_id bigint NOT NULL, position integer NOT NULL, food_id bigint NOT NULL,
        quantity double precision NOT NULL, unit text NOT NULL,
        grams double precision NOT NULL, PRIMARY KEY (recipe_id, position))""",
    """CREATE TABLE menus (
        menu_id bigint PRIMARY KEY, workspace_id text NOT NULL, client_id bigint NOT NULL,
        name text NOT NULL, start_date date NOT NULL, days integer NOT NULL,
        slots text[] NOT NULL, day_targets text, is_demo boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 0, UNIQUE (workspace_id, client_id, name))""",
    """CREATE TABLE menu_items (
        item_id bigint PRIMARY KEY, menu_id bigint NOT NULL, day integer NOT NULL,
        slot text NOT NULL, position integer NOT NULL, kind text NOT NULL,
        ref_id bigint NOT NULL, quantity double precision NOT NULL, unit text NOT NULL,
        grams double precision, label text NOT NULL,
        locked boolean NOT NULL DEFAULT false)""",
    "CREATE INDEX menu_items_menu ON menu_items (menu_id)",
    """CREATE TABLE planning_rules (
        workspace_id text NOT NULL, kind text NOT NULL, ref_id bigint NOT NULL,
        meals text[], min_grams double precision, max_grams double precision,
        PRIMARY KEY (workspace_id, kind, ref_id))""",
    """CREATE TABLE food_prices (
        workspace_id text NOT NULL, food_id bigint NOT NULL,
        price_per_kg double precision NOT NULL, PRIMARY KEY (workspace_id, food_id))""",
)

# Version 4: clients keep micronutrient goals; the Dietary Reference Intakes (shared reference
# data, like the bundled foods); each workspace's settings (the energy unit).
VERSION_4 = (
    "ALTER TABLE clients ADD COLUMN life_condition text NOT NULL DEFAULT 'none'",
    "ALTER TABLE clients ADD COLUMN nutrient_goals text",
    """CREATE TABLE reference_intakes (
        life_stage text NOT NULL, nutrient text NOT NULL, unit text NOT NULL,
        kind text NOT NULL, goal double precision NOT NULL, upper_kind text,
        upper double precision, PRIMARY KEY (life_stage, nutrient))""",
    """CREATE TABLE reference_intake_notes (
        nutrient text PRIMARY KEY, upper_applies_to text, upper_note text, measure_note text)""",
    """CREATE TABLE workspace_settings (
        workspace_id text NOT NULL, key text NOT NULL, value text NOT NULL,
        PRIMARY KEY (workspace_id, key))""",
)

_OWN = f"workspace_id = {WORKSPACE}"
_OWN_DATASETS = f"dataset_id IN (SELECT dataset_id FROM datasets WHERE {_OWN})"
_OWN_FOODS = f"food_id IN (SELECT food_id FROM foods WHERE {_OWN_DATASETS})"
# table → (which rows a workspace sees, which it may write). Tables not listed (meta,
# food_groups, nutrients) are shared reference data.
POLICIES: dict[str, tuple[str, str]] = {
    "clients": (_OWN, _OWN),
    "recipes": (_OWN, _OWN),
    "menus": (_OWN, _OWN),
    "food_tag_overrides": (_OWN, _OWN),
    "planning_rules": (_OWN, _OWN),
    "food_prices": (_OWN, _OWN),
    "datasets": (f"workspace_id IS NULL OR {_OWN}", _OWN),
    "foods": ("dataset_id IN (SELECT dataset_id FROM datasets)", _OWN_DATASETS),
    "dataset_imports": ("dataset_id IN (SELECT dataset_id FROM datasets)", _OWN_DATASETS),
    "food_nutrients": ("food_id IN (SELECT food_id FROM foods)", _OWN_FOODS),
    "portions": ("food_id IN (SELECT food_id FROM foods)", _OWN_FOODS),
    "food_nutrient_notes": ("food_id IN (SELECT food_id FROM foods)", _OWN_FOODS),
    "recipe_ingredients": ("recipe_id IN (SELECT recipe_id FROM recipes)",) * 2,
    "menu_items": ("menu_id IN (SELECT menu_id FROM menus)",) * 2,
}
POLICIES_4: dict[str, tuple[str, str]] = {"workspace_settings": (_OWN, _OWN)}

# Version 5: the HTTP API's keys. A request names no workspace, only its token: the adapter
# sets `menuplanner.api_token` to the token's sha256, which lets it see (and note the use of)
# that one key's row and no other, before it knows the workspace.
API_TOKEN = "current_setting('menuplanner.api_token', true)"
VERSION_5 = (
    "CREATE SEQUENCE api_key_ids",
    """CREATE TABLE api_keys (
        key_id bigint PRIMARY KEY DEFAULT nextval('api_key_ids'), workspace_id text NOT NULL,
        name text NOT NULL, token_sha256 text NOT NULL UNIQUE,
        created timestamptz NOT NULL, last_used timestamptz,
        revoked boolean NOT NULL DEFAULT false)""",
)
_OWN_OR_TOKEN = f"{_OWN} OR token_sha256 = {API_TOKEN}"
POLICIES_5: dict[str, tuple[str, str]] = {"api_keys": (_OWN_OR_TOKEN, _OWN_OR_TOKEN)}


def security_statements(policies: dict[str, tuple[str, str]] = POLICIES) -> list[str]:
    """The app role, what it may do, and the row-level security policies (table and policy
    names from the fixed lists above). The shared data (the bundled foods) is seen by every
    workspace and written by none: only the schema's owner, building or copying, writes it."""
    statements = [
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
        + APP_ROLE
        + "') THEN CREATE ROLE "
        + APP_ROLE
        + " NOLOGIN; END IF; END $$",
        "GRANT USAGE ON SCHEMA public TO " + APP_ROLE,
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + APP_ROLE,
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + APP_ROLE,
    ]
    for table, (see, write) in policies.items():
        statements += [
            "ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY see ON " + table + " FOR SELECT USING (" + see + ")",
            "CREATE POLICY add ON " + table + " FOR INSERT WITH CHECK (" + write + ")",
            "CREATE POLICY change ON " + table + " FOR UPDATE USING (" + write + ")"
            " WITH CHECK (" + write + ")",
            "CREATE POLICY remove ON " + table + " FOR DELETE USING (" + write + ")",
        ]
    return statements
