"""Sends a text through kubezap, finds it in the session's messages, then waits for the phone's answer on the live
event stream. Usage: python send_and_follow.py <base URL> <API key> <namespace or -> <session> <to> <text>"""

import sys

import kubezap_client
from kubezap_client.events import follow_events


def main(base_url, api_key, namespace, session, to, text):
    configuration = kubezap_client.Configuration(host=base_url, api_key={"ApiKey": api_key})
    messages = kubezap_client.MessagesApi(kubezap_client.ApiClient(configuration))
    ns = None if namespace == "-" else namespace
    # subscribed before sending: the answer cannot slip past
    events = follow_events(configuration, session, namespace=ns, types=["message.received"])
    outgoing = kubezap_client.OutgoingMessage(to=to, text=text)
    sent = (messages.send_message(ns, session, outgoing) if ns
            else messages.send_message_in_default_namespace(session, outgoing))
    print(f"sent {sent.id} {sent.status.value}", flush=True)
    page = (messages.list_messages(ns, session, limit=20) if ns
            else messages.list_messages_in_default_namespace(session, limit=20))
    listed = any(message.id == sent.id for message in page.items or [])
    print(f"listed {str(listed).lower()}", flush=True)
    for event in events:
        if str(event["payload"].get("from", "")).startswith(to):
            print(f"reply {event['payload']['text']}", flush=True)
            return


if __name__ == "__main__":
    main(*sys.argv[1:7])
