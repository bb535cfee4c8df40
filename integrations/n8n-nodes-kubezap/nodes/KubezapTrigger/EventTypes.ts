import type { INodePropertyOptions } from 'n8n-workflow';

/** The events a session delivers (its webhooks) or streams (its SSE stream), as the triggers offer them. */
export const eventTypes: INodePropertyOptions[] = [
	{ name: 'Account Default Disappearing Timer Changed', value: 'account.disappearing' },
	{ name: 'Account Restriction Changed', value: 'account.restriction' },
	{ name: 'Call Received', value: 'call.received' },
	{ name: 'Chat Disappearing Messages Changed', value: 'chat.disappearing' },
	{ name: 'Chat Updated', value: 'chat.updated' },
	{ name: 'Event Response (Going, Not Going, Maybe)', value: 'event.response' },
	{ name: 'Group Joined', value: 'group.joined' },
	{ name: 'Group Left', value: 'group.left' },
	{ name: 'Group Participants Changed', value: 'group.participants' },
	{ name: 'Group Updated', value: 'group.update' },
	{ name: 'Message Edited', value: 'message.edited' },
	{ name: 'Message Failed', value: 'message.failed' },
	{ name: 'Message Reaction', value: 'message.reaction' },
	{ name: 'Message Received', value: 'message.received' },
	{ name: 'Message Revoked', value: 'message.revoked' },
	{ name: 'Message Sent', value: 'message.sent' },
	{ name: 'Message Status (Delivered, Read)', value: 'message.status' },
	{ name: 'Poll Vote', value: 'poll.vote' },
	{ name: 'Session Connected', value: 'session.connected' },
	{ name: 'Session Disconnected', value: 'session.disconnected' },
	{ name: 'Session Logged Out', value: 'session.logged_out' },
	{ name: 'Status Received', value: 'status.received' },
	{ name: 'Webhook Test', value: 'webhook.test' },
];
