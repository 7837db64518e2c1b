"""The database file, as one name for its concerns: `database.connect(...)`,
`database.build(...)`, `database.Database(path)`, `database.backup(...)`.

Each concern lives in its own module:

- `opening`: where the file lives, opening it while another program may hold it, checking it
  is a complete menuplanner database (and upgrading an older one, `upgrade`);
- `build`: building it from the bundled USDA data, and what a rebuild would lose;
- `sharing`: `Database`, the file opened only while it is used, so the dashboard, notebooks
  and the command line take turns;
- `backup`: consistent, checked copies and restoring them.
"""

from menuplanner.store.duckdb.backup import (
    BACKUP_SUFFIX,
    BackupReport,
    Fingerprint,
    RestoreReport,
    backup,
    backup_name,
    check_backup,
    fingerprint,
    restore,
)
from menuplanner.store.duckdb.build import (
    BuildReport,
    Progress,
    Seeder,
    build,
    create_tables,
    move_aside,
    open_or_build,
    user_row_counts,
)
from menuplanner.store.duckdb.opening import (
    DEFAULT_PATH,
    ENV_VAR,
    FIX,
    NOT_OURS,
    WAIT_SECONDS,
    DatabaseBusy,
    DatabaseError,
    Waiting,
    another_program_is_waiting,
    connect,
    default_path,
    is_lock_conflict,
    migrate_file,
)
from menuplanner.store.duckdb.sharing import Database, SessionFoodCatalog, SessionUnitOfWork

__all__ = [
    "BACKUP_SUFFIX",
    "DEFAULT_PATH",
    "ENV_VAR",
    "FIX",
    "NOT_OURS",
    "WAIT_SECONDS",
    "BackupReport",
    "BuildReport",
    "Database",
    "DatabaseBusy",
    "DatabaseError",
    "Fingerprint",
    "Progress",
    "RestoreReport",
    "Seeder",
    "SessionFoodCatalog",
    "SessionUnitOfWork",
    "Waiting",
    "another_program_is_waiting",
    "backup",
    "backup_name",
    "build",
    "check_backup",
    "connect",
    "create_tables",
    "default_path",
    "fingerprint",
    "is_lock_conflict",
    "migrate_file",
    "move_aside",
    "open_or_build",
    "restore",
    "user_row_counts",
]
