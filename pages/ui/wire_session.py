"""One browser tab's Streamlit session, spoken over the websocket without a browser.

A browser talks to `streamlit run` with protobuf messages on `/_stcore/stream`: it sends a
`rerun_script` BackMsg (the page, and the widget values the user changed) and receives the run's
ForwardMsgs (the elements it draws, then `script_finished`). This client does the same, so many
sessions can run against one real app server from threads of a test: each has its own
AppSession and script thread on the server, as tabs do. The load test and the bench's
add-one-item figure use it: find a widget by its key, send a new value or a click, read the
elements the run drew.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.common import is_element_id, user_key_from_element_id
from websockets.sync.client import ClientConnection, connect

from menuplanner.bench.processes import free_port, start_streamlit, stop, wait_for_health

# A run ends with one of these; FINISHED_EARLY_FOR_RERUN (st.rerun) is followed by another run.
_ENDS = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


@dataclass(frozen=True)
class Element:
    type: str  # the proto's oneof name: "markdown", "selectbox", "exception", ...
    proto: object


@contextlib.contextmanager
def app_server(start_timeout: float = 60.0) -> Iterator[str]:
    """A real `streamlit run app.py` on a free port for the `with` block (with this process's
    environment: its database), as its address (http://127.0.0.1:port)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_streamlit(port, dict(os.environ))
    try:
        if not wait_for_health(url, start_timeout, server):
            raise RuntimeError(f"the app server did not start within {start_timeout:g} s")
        yield url
    finally:
        stop(server)


@contextlib.contextmanager
def wire_session(url: str, timeout: float = 120.0) -> Iterator[WireSession]:
    """A session of the app at `url` (http://host:port) for the `with` block, as one browser
    tab; `timeout`: the longest wait for a message before giving up on the server."""
    with connect(
        url.replace("http", "ws", 1) + "/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=timeout,
    ) as socket:
        yield WireSession(socket, timeout)


class WireSession:
    """Requests (each waits for the run it causes) and what the last run drew."""

    def __init__(self, socket: ClientConnection, timeout: float) -> None:
        self._socket = socket
        self._timeout = timeout
        self.page_hash = ""
        self.pages: dict[str, str] = {}  # url path ("menu_builder") → page script hash
        self.elements: dict[tuple[int, ...], Element] = {}  # the last run's, by delta path
        # The values this "user" gave widgets still on the page: like a browser, every request
        # sends them all (a page switch without them would put the sidebar back to default).
        self._values: dict[str, WidgetState] = {}

    # ------------------------------------------------------------------------------ requests

    def rerun(self, *states: WidgetState, page: str | None = None) -> float:
        """Ask for a run, as the browser does after an interaction; returns the seconds from
        sending it until the run (and any st.rerun it asked for) finished."""
        message = BackMsg()
        message.rerun_script.page_script_hash = self.pages[page] if page else self.page_hash
        self._values.update((s.id, s) for s in states if not s.trigger_value)
        triggers = [s for s in states if s.trigger_value]  # a click is sent once
        message.rerun_script.widget_states.widgets.extend([*self._values.values(), *triggers])
        started = time.perf_counter()
        self._socket.send(message.SerializeToString())
        self._receive_run()
        elapsed = time.perf_counter() - started
        self._forget_values_the_page_replaced()
        return elapsed

    def type_text(self, key: str, text: str) -> float:
        return self.rerun(WidgetState(id=self.widget(key, "text_input").id, string_value=text))

    def set_number(self, key: str, value: float) -> float:
        return self.rerun(WidgetState(id=self.widget(key, "number_input").id, double_value=value))

    def choose(self, key: str, label: str) -> float:
        """Pick the option shown as `label` in a selectbox."""
        box = self.widget(key, "selectbox")
        if label not in box.options:
            raise LookupError(f"{key!r} offers {list(box.options)}, not {label!r}")
        return self.rerun(WidgetState(id=box.id, string_value=label))

    def choose_segment(self, key: str, index: int) -> float:
        """Press the `index`-th segment of a segmented control (st.segmented_control)."""
        group = self.widget(key, "button_group")
        label = group.options[index].content
        return self.rerun(WidgetState(id=group.id, string_array_value={"data": [label]}))

    def choose_tab(self, key: str, label: str) -> float:
        return self.rerun(WidgetState(id=self.widget(key, "tab_container").id, string_value=label))

    def open_popover(self, key: str) -> float:
        """Open a popover whose content is drawn only while it is open (on_change="rerun")."""
        return self.rerun(WidgetState(id=self.widget(key, "popover").id, bool_value=True))

    def click(self, key: str) -> float:
        return self.rerun(WidgetState(id=self.widget(key, "button").id, trigger_value=True))

    # ------------------------------------------------------------------------ what was drawn

    def widget(self, key: str, kind: str):
        """The proto of the widget with user key `key` drawn by the last run."""
        for element in self.elements.values():
            if element.type == kind and widget_key(element.proto.id) == key:
                return element.proto
        raise LookupError(f"the page shows no {kind} with key {key!r}")

    def widget_keys(self, kind: str) -> list[str]:
        keys = (widget_key(e.proto.id) for e in self.elements.values() if e.type == kind)
        return [key for key in keys if key is not None]

    def problems(self) -> list[str]:
        """Exceptions (with their traceback) and error messages the last run showed."""
        found = []
        for element in self.elements.values():
            if element.type == "exception":
                trace = "\n".join(element.proto.stack_trace)
                found.append(f"{element.proto.type}: {element.proto.message}\n{trace}")
            elif element.type == "alert" and element.proto.format == Alert.ERROR:
                found.append(f"error shown: {element.proto.body}")
        return found

    # ------------------------------------------------------------------------------ receiving

    def _forget_values_the_page_replaced(self) -> None:
        """Drop values of widgets gone from the page, or given a value by the app itself
        (st.session_state[key] = ...): the browser shows the app's value from then on."""
        drawn = {e.proto.id: e.proto for e in self.elements.values() if hasattr(e.proto, "id")}
        for widget_id in list(self._values):
            proto = drawn.get(widget_id)
            if proto is None or getattr(proto, "set_value", False):
                del self._values[widget_id]

    def _receive_run(self) -> None:
        while True:
            message = ForwardMsg()
            message.ParseFromString(self._socket.recv(timeout=self._timeout))
            kind = message.WhichOneof("type")
            if kind == "new_session":  # a run starts: the page is drawn afresh
                self.elements.clear()
                self.page_hash = message.new_session.page_script_hash
            elif kind == "navigation":
                pages = message.navigation.app_pages
                self.pages = {p.url_pathname: p.page_script_hash for p in pages}
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                new = message.delta.new_element
                element_type = new.WhichOneof("type")
                self.elements[tuple(message.metadata.delta_path)] = Element(
                    element_type, getattr(new, element_type)
                )
            elif kind == "delta" and message.delta.WhichOneof("type") == "add_block":
                block = message.delta.add_block
                kind_of_block = block.WhichOneof("type")
                # st.tabs with a key, and a popover drawn only while open: widgets
                if kind_of_block in ("tab_container", "popover"):
                    self.elements[tuple(message.metadata.delta_path)] = Element(
                        kind_of_block, getattr(block, kind_of_block)
                    )
            elif kind == "session_event" and message.session_event.HasField(
                "script_compilation_exception"
            ):
                error = message.session_event.script_compilation_exception
                self.elements[(-1,)] = Element("exception", error)
            elif kind == "script_finished" and message.script_finished in _ENDS:
                return


def widget_key(widget_id: str) -> str | None:
    """The user key inside a widget's id ("$$ID-<hash>-<key>"), None when it has none."""
    return user_key_from_element_id(widget_id) if is_element_id(widget_id) else None
