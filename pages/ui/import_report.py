"""Step 4: the validation report: counts, the problems a person can act on, the CSV download,
and how the foods got their energy."""

from __future__ import annotations

import streamlit as st

from menuplanner.imports.prepared import PreparedImport
from pages.ui.text import literal

SHOWN_PROBLEMS = 2000


def validation_report(prepared: PreparedImport, key: str) -> None:
    report = prepared.report
    total, ok, out, notes = st.columns(4)
    total.metric("Foods in the file", f"{report.foods_in_file:,}")
    ok.metric("Passed every check", f"{report.foods_valid:,}")
    out.metric("Would be left out", f"{report.foods_skipped:,}")
    notes.metric("Notes", f"{report.warnings:,}")
    st.caption(literal(f"Read as: {prepared.described}."))
    if report.errors:
        st.warning(
            literal(report.summary()) + " Each problem below says the line in your file, "
            "the column, the value and what is wrong."
        )
    elif report.warnings:
        st.info(literal(report.summary()))
    else:
        st.success(literal(report.summary()))
    if report.problems.height:
        table = report.table(SHOWN_PROBLEMS)
        small = st.column_config.TextColumn(width="small")
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height=min(36 * (table.height + 1) + 2, 420),
            key=f"{key}_problems",
            column_config={
                "Severity": small,
                "Line": st.column_config.NumberColumn(width="small", format="%d"),
                "Problem": st.column_config.TextColumn(width="large"),
                "What happens": st.column_config.TextColumn(width="medium"),
            },
        )
        if report.problems.height > SHOWN_PROBLEMS:
            st.caption(
                f"The first {SHOWN_PROBLEMS:,} of {report.problems.height:,} problems; the "
                "download has them all."
            )
        st.download_button(
            "Download the report (CSV)",
            report.csv(),
            file_name=f"{_stem(prepared)}-import-report.csv",
            mime="text/csv",
            key=f"{key}_download",
            icon=":material/download:",
            on_click="ignore",
        )
    sources = prepared.valid_only().energy_sources()
    if sources:
        st.markdown(
            "**Where each food's energy comes from**  \n"
            + "  \n".join(
                f"{n:,} {'food' if n == 1 else 'foods'}: {literal(source)}"
                for source, n in sources.items()
            )
        )
    if prepared.below_detection:
        st.caption(
            f"{prepared.below_detection:,} values were written as below detection (such as "
            "“<0.5”, “tr”); they are stored as 0 and noted."
        )


def _stem(prepared: PreparedImport) -> str:
    name = prepared.meta.source_file.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
