# flake8: noqa

# import apis into api package
from kubezap_client.api.business_api import BusinessApi
from kubezap_client.api.calls_api import CallsApi
from kubezap_client.api.channels_api import ChannelsApi
from kubezap_client.api.chats_api import ChatsApi
from kubezap_client.api.contacts_api import ContactsApi
from kubezap_client.api.event_sinks_api import EventSinksApi
from kubezap_client.api.events_api import EventsApi
from kubezap_client.api.groups_api import GroupsApi
from kubezap_client.api.labels_api import LabelsApi
from kubezap_client.api.messages_api import MessagesApi
from kubezap_client.api.presence_api import PresenceApi
from kubezap_client.api.profile_api import ProfileApi
from kubezap_client.api.session_api import SessionApi
from kubezap_client.api.sessions_api import SessionsApi
from kubezap_client.api.stats_api import StatsApi
from kubezap_client.api.status_api import StatusApi
from kubezap_client.api.webhooks_api import WebhooksApi

