"""The live event stream (Server-Sent Events), which a generator cannot make: ``follow_events`` yields each event."""

import json
from typing import Any, Dict, Iterator, Optional, Sequence
from urllib.parse import quote, urlencode

import urllib3

from kubezap_client.configuration import Configuration


def follow_events(configuration: Configuration, session: str, namespace: Optional[str] = None,
                  types: Sequence[str] = (), last_event_id: Optional[int] = None,
                  timeout: Optional[float] = None) -> Iterator[Dict[str, Any]]:
    """GET …/events/stream, event by event ({id, type, occurredAt, payload}; the gateway adds namespace and session).

    Connected when it returns: events from then on reach the iterator. Without a namespace the path is the default namespace's through the gateway, which is also a session pod's own.
    """
    path = (f"/api/v1/namespaces/{quote(namespace, safe='')}/sessions/{quote(session, safe='')}/events/stream"
            if namespace else f"/api/v1/sessions/{quote(session, safe='')}/events/stream")
    query = urlencode([("type", event_type) for event_type in types])
    headers = {"Accept": "text/event-stream"}
    key = configuration.get_api_key_with_prefix("ApiKey")
    if key:
        headers["X-Api-Key"] = key
    if last_event_id is not None:
        headers["Last-Event-ID"] = str(last_event_id)
    http = urllib3.PoolManager()
    response = http.request("GET", configuration.host + path + (f"?{query}" if query else ""), headers=headers,
                            preload_content=False, timeout=urllib3.Timeout(connect=10, read=timeout))
    if response.status != 200:
        raise RuntimeError(f"the event stream answered {response.status}: {response.data.decode()}")
    return _events(response)


def _events(response) -> Iterator[Dict[str, Any]]:
    data = []
    for raw in _lines(response):
        if raw.startswith("data:"):
            data.append(raw[5:].lstrip())
        elif raw == "" and data:
            yield json.loads("\n".join(data))
            data = []


def _lines(response) -> Iterator[str]:
    buffered = b""
    for chunk in response.stream(1024, decode_content=True):
        buffered += chunk
        while b"\n" in buffered:
            line, buffered = buffered.split(b"\n", 1)
            yield line.decode("utf-8").rstrip("\r")
