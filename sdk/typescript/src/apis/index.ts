/* tslint:disable */
/* eslint-disable */
export * from './BusinessApi';
export * from './CallsApi';
export * from './ChannelsApi';
export * from './ChatsApi';
export * from './ContactsApi';
export * from './EventSinksApi';
export * from './EventsApi';
export * from './GroupsApi';
export * from './LabelsApi';
export * from './MessagesApi';
export * from './PresenceApi';
export * from './ProfileApi';
export * from './SessionApi';
export * from './SessionsApi';
export * from './StatsApi';
export * from './StatusApi';
export * from './WebhooksApi';
