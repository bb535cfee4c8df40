import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { chatJid, list, sessionRequest } from './KubezapApi';
import { carouselCards } from './CarouselCards';
import { listSections } from './ListSections';
import { sessionFields } from './SessionFields';

const forOperations = (resource: string, operation: string[]) => ({
	show: { resource: [resource], operation },
});

/** A message operation's required list of entries (album items, buttons, rows), each of the given fields. */
const entries = (
	field: { displayName: string; name: string; description: string; operation: string },
	entry: { displayName: string; name: string },
	values: INodeProperties[],
): INodeProperties => ({
	displayName: field.displayName,
	name: field.name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	required: true,
	description: field.description,
	displayOptions: forOperations('message', [field.operation]),
	options: [{ ...entry, values }],
});

const messageFields: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: '5511999999999',
		description: 'Phone number with country code, or a chat JID (…@s.whatsapp.net, …@g.us)',
		displayOptions: forOperations('message', [
			'sendText',
			'sendMedia',
			'sendLocation',
			'sendPoll',
			'sendProduct',
			'sendAlbum',
			'sendButtons',
			'sendList',
			'sendCarousel',
		]),
	},
	entries(
		{
			displayName: 'Album Items',
			name: 'albumItems',
			description: 'Two to thirty photos and videos, in the order the album shows them',
			operation: 'sendAlbum',
		},
		{ displayName: 'Item', name: 'item' },
		[
			{
				displayName: 'Caption',
				name: 'caption',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Image', value: 'image' },
					{ name: 'Video', value: 'video' },
				],
				default: 'image',
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				required: true,
				description: 'Where the session downloads the file (a public address)',
			},
		],
	),
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		default: '',
		required: true,
		description: "A product of the session's own WhatsApp Business catalog, as Get Catalog lists it",
		displayOptions: forOperations('message', ['sendProduct']),
	},
	{
		displayName: 'Card Text',
		name: 'productBody',
		type: 'string',
		default: '',
		description: 'A text shown on the product card',
		displayOptions: forOperations('message', ['sendProduct']),
	},
	{
		displayName: 'Card Footer',
		name: 'productFooter',
		type: 'string',
		default: '',
		description: 'A short line under the product card',
		displayOptions: forOperations('message', ['sendProduct']),
	},
	{
		displayName: 'Text',
		name: 'interactiveText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The message above the buttons, the list or the cards',
		displayOptions: forOperations('message', ['sendButtons', 'sendList', 'sendCarousel']),
	},
	entries(
		{
			displayName: 'Buttons',
			name: 'buttons',
			description: "One to three reply buttons; the reader's tap arrives as a message of type button_reply",
			operation: 'sendButtons',
		},
		{ displayName: 'Button', name: 'button' },
		[
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				default: '',
				required: true,
				description: "What the reply carries as reply.selectedId (unique in the message)",
			},
			{
				displayName: 'Label',
				name: 'text',
				type: 'string',
				default: '',
				required: true,
				description: 'Up to 20 characters',
			},
		],
	),
	{
		displayName: 'List Button Text',
		name: 'listButtonText',
		type: 'string',
		default: '',
		required: true,
		description: 'The label of the button opening the list (up to 20 characters)',
		displayOptions: forOperations('message', ['sendList']),
	},
	entries(
		{
			displayName: 'Rows',
			name: 'listRows',
			description:
				"One to ten rows, grouped into sections by their section title; the reader's choice arrives as a message of type list_reply",
			operation: 'sendList',
		},
		{ displayName: 'Row', name: 'row' },
		[
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				default: '',
				required: true,
				description: "What the reply carries as reply.selectedId (unique in the message)",
			},
			{
				displayName: 'Section Title',
				name: 'section',
				type: 'string',
				default: '',
				description: 'The section the row belongs to (rows with the same title form one section)',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				required: true,
				description: 'Up to 24 characters',
			},
		],
	),
	entries(
		{
			displayName: 'Cards',
			name: 'carouselCards',
			description:
				"Two to ten cards the reader swipes through, each with a picture and one or two reply buttons; a tap arrives as a message of type button_reply",
			operation: 'sendCarousel',
		},
		{ displayName: 'Card', name: 'card' },
		[
			{
				displayName: 'Body',
				name: 'body',
				type: 'string',
				default: '',
				required: true,
				description: "The card's text (up to 160 characters)",
			},
			{
				displayName: 'Button 1 ID',
				name: 'button1Id',
				type: 'string',
				default: '',
				description: "What the reply carries as reply.selectedId (unique across the cards); the label when empty",
			},
			{
				displayName: 'Button 1 Label',
				name: 'button1Text',
				type: 'string',
				default: '',
				required: true,
				description: 'Up to 20 characters',
			},
			{
				displayName: 'Button 2 ID',
				name: 'button2Id',
				type: 'string',
				default: '',
				description: "What the reply carries as reply.selectedId (unique across the cards); the label when empty",
			},
			{
				displayName: 'Button 2 Label',
				name: 'button2Text',
				type: 'string',
				default: '',
				description: 'A second button (up to 20 characters); every card has as many buttons as the first',
			},
			{
				displayName: 'Footer',
				name: 'footer',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Image URL',
				name: 'imageUrl',
				type: 'string',
				default: '',
				required: true,
				description: 'Where the session downloads the card\'s picture (a public address)',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
			},
		],
	),
	{
		displayName: 'Footer',
		name: 'interactiveFooter',
		type: 'string',
		default: '',
		description: 'A short line under the text',
		displayOptions: forOperations('message', ['sendButtons', 'sendList', 'sendCarousel']),
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		displayOptions: forOperations('message', ['sendText']),
	},
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'Sticker', value: 'sticker' },
			{ name: 'Video', value: 'video' },
			{ name: 'Voice Note', value: 'voice' },
		],
		default: 'image',
		displayOptions: forOperations('message', ['sendMedia']),
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/photo.jpg',
		description: 'Where the session pod fetches the file (public addresses only)',
		displayOptions: forOperations('message', ['sendMedia']),
	},
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 },
		default: 0,
		displayOptions: forOperations('message', ['sendLocation']),
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 },
		default: 0,
		displayOptions: forOperations('message', ['sendLocation']),
	},
	{
		displayName: 'Question',
		name: 'pollName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: forOperations('message', ['sendPoll']),
	},
	{
		displayName: 'Poll Options',
		name: 'pollOptions',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'Yes, No, Maybe',
		description: 'Two to twelve answers, separated by commas or new lines',
		displayOptions: forOperations('message', ['sendPoll']),
	},
	{
		displayName: 'Chat',
		name: 'chat',
		type: 'string',
		default: '',
		placeholder: '5511999999999',
		description: 'Only the messages of this chat (phone number or JID); empty: every chat',
		displayOptions: forOperations('message', ['getMany']),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forOperations('message', ['sendText', 'sendMedia', 'sendLocation', 'sendPoll']),
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				description: 'Address shown under a location',
			},
			{
				displayName: 'Caption',
				name: 'caption',
				type: 'string',
				default: '',
				description: 'Caption of an image, video or document',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: 'File name shown for a document',
			},
			{
				displayName: 'HD',
				name: 'hd',
				type: 'boolean',
				default: false,
				description:
					'Whether to send an image or video in HD, as the phone apps do (a standard copy with the original as its HD file; Baileys engine only)',
			},
			{
				displayName: 'MIME Type',
				name: 'mimeType',
				type: 'string',
				default: '',
				placeholder: 'application/pdf',
			},
			{
				displayName: 'Place Name',
				name: 'placeName',
				type: 'string',
				default: '',
				description: 'Name shown on a location',
			},
			{
				displayName: 'Quoted Message ID',
				name: 'quotedMessageId',
				type: 'string',
				default: '',
				description: 'ID of the message this one replies to',
			},
			{
				displayName: 'Selectable Count',
				name: 'selectableCount',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description: 'How many answers of a poll one voter may pick (0: any)',
			},
		],
	},
];

const chatFields: INodeProperties[] = [
	{
		displayName: 'Chat',
		name: 'jid',
		type: 'string',
		default: '',
		required: true,
		placeholder: '5511999999999',
		description: 'Phone number with country code, or a chat JID',
		displayOptions: forOperations('chat', ['getMessages', 'markRead', 'setAiResponder']),
	},
	{
		displayName: 'AI Responder On',
		name: 'aiResponderEnabled',
		type: 'boolean',
		default: false,
		description: 'Whether the session\'s AI responder (spec.autoReply.ai) answers this chat; off while a person takes over',
		displayOptions: forOperations('chat', ['setAiResponder']),
	},
	{
		displayName: 'Unread Only',
		name: 'unread',
		type: 'boolean',
		default: false,
		description: 'Whether to list only chats with unread messages',
		displayOptions: forOperations('chat', ['getMany']),
	},
];

const groupFields: INodeProperties[] = [
	{
		displayName: 'Group',
		name: 'groupJid',
		type: 'string',
		default: '',
		required: true,
		placeholder: '120363041234567890@g.us',
		displayOptions: forOperations('group', ['get', 'getInviteLink', 'leave', 'update', 'updateParticipants']),
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		required: true,
		description: "The group's name",
		displayOptions: forOperations('group', ['create']),
	},
	{
		displayName: 'Participants',
		name: 'participants',
		type: 'string',
		default: '',
		required: true,
		placeholder: '5511999999999, 5511988888888',
		description: 'Phone numbers or JIDs, separated by commas or new lines',
		displayOptions: forOperations('group', ['create', 'updateParticipants']),
	},
	{
		displayName: 'Action',
		name: 'participantAction',
		type: 'options',
		options: [
			{ name: 'Add', value: 'add' },
			{ name: 'Demote', value: 'demote' },
			{ name: 'Promote', value: 'promote' },
			{ name: 'Remove', value: 'remove' },
		],
		default: 'add',
		displayOptions: forOperations('group', ['updateParticipants']),
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: forOperations('group', ['update']),
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Only Admins Send',
				name: 'announce',
				type: 'boolean',
				default: false,
				description: 'Whether only admins may send messages',
			},
			{
				displayName: 'Only Admins Edit Info',
				name: 'locked',
				type: 'boolean',
				default: false,
				description: "Whether only admins may edit the group's info",
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
			},
		],
	},
];

const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: {
		show: { operation: ['getMany', 'getMessages'], resource: ['message', 'chat'] },
	},
};

export class Kubezap implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'kubezap',
		name: 'kubezap',
		icon: { light: 'file:kubezap.svg', dark: 'file:kubezap.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send and read WhatsApp messages and manage groups through a kubezap gateway',
		defaults: {
			name: 'kubezap',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'kubezapApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Chat', value: 'chat' },
					{ name: 'Group', value: 'group' },
					{ name: 'Message', value: 'message' },
				],
				default: 'message',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['message'] } },
				options: [
					{ name: 'Get Many', value: 'getMany', action: 'Get many messages' },
					{ name: 'Send Album', value: 'sendAlbum', action: 'Send an album of photos and videos' },
					{ name: 'Send Buttons', value: 'sendButtons', action: 'Send a text with reply buttons' },
					{ name: 'Send Carousel', value: 'sendCarousel', action: 'Send a text over cards with reply buttons' },
					{ name: 'Send List', value: 'sendList', action: 'Send a text with a list to choose from' },
					{ name: 'Send Location', value: 'sendLocation', action: 'Send a location' },
					{ name: 'Send Media', value: 'sendMedia', action: 'Send a media file' },
					{ name: 'Send Poll', value: 'sendPoll', action: 'Send a poll' },
					{ name: 'Send Product', value: 'sendProduct', action: 'Send a catalog product card' },
					{ name: 'Send Text', value: 'sendText', action: 'Send a text message' },
				],
				default: 'sendText',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['chat'] } },
				options: [
					{ name: 'Get Many', value: 'getMany', action: 'Get many chats' },
					{ name: 'Get Messages', value: 'getMessages', action: 'Get the messages of a chat' },
					{ name: 'Mark Read', value: 'markRead', action: 'Mark a chat as read' },
					{ name: 'Set AI Responder', value: 'setAiResponder', action: 'Switch the AI responder of a chat on or off' },
				],
				default: 'getMany',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['group'] } },
				options: [
					{ name: 'Create', value: 'create', action: 'Create a group' },
					{ name: 'Get', value: 'get', action: 'Get a group' },
					{ name: 'Get Invite Link', value: 'getInviteLink', action: 'Get the invite link of a group' },
					{ name: 'Get Many', value: 'getMany', action: 'Get many groups' },
					{ name: 'Leave', value: 'leave', action: 'Leave a group' },
					{ name: 'Update', value: 'update', action: 'Update a group' },
					{
						name: 'Update Participants',
						value: 'updateParticipants',
						action: 'Change the participants of a group',
					},
				],
				default: 'create',
			},
			...sessionFields,
			...messageFields,
			...chatFields,
			...groupFields,
			limitField,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returned: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const answer = await operation.call(this, itemIndex);
				const results = Array.isArray(answer.items) ? (answer.items as IDataObject[]) : [answer];
				returned.push(
					...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(results), {
						itemData: { item: itemIndex },
					}),
				);
			} catch (error) {
				if (this.continueOnFail()) {
					returned.push({ json: { error: (error as Error).message }, pairedItem: itemIndex });
					continue;
				}
				throw error instanceof NodeOperationError || (error as Error).name === 'NodeApiError'
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
		return [returned];
	}
}

/** The REST call of the item's resource and operation (operationIds of the gateway's OpenAPI document named). */
async function operation(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const resource = this.getNodeParameter('resource', i) as string;
	const op = this.getNodeParameter('operation', i) as string;
	const param = (name: string) => this.getNodeParameter(name, i) as string;
	const limit = () => this.getNodeParameter('limit', i, 50) as number;
	const group = () => `/groups/${encodeURIComponent(param('groupJid').trim())}`;
	switch (`${resource}.${op}`) {
		case 'message.sendText': // sendMessage
			return send.call(this, i, { text: param('text') });
		case 'message.sendMedia': {
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			return send.call(this, i, {
				type: param('mediaType'),
				media: { url: param('mediaUrl') },
				caption: options.caption,
				fileName: options.fileName,
				mimeType: options.mimeType,
				hd: options.hd || undefined,
			});
		}
		case 'message.sendLocation': {
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			return send.call(this, i, {
				type: 'location',
				location: {
					latitude: this.getNodeParameter('latitude', i) as number,
					longitude: this.getNodeParameter('longitude', i) as number,
					name: options.placeName,
					address: options.address,
				},
			});
		}
		case 'message.sendPoll': {
			const options = this.getNodeParameter('options', i, {}) as IDataObject;
			return send.call(this, i, {
				type: 'poll',
				poll: {
					name: param('pollName'),
					options: list(param('pollOptions')),
					selectableCount: options.selectableCount,
				},
			});
		}
		case 'message.sendProduct': // sendProduct
			return sessionRequest.call(this, i, 'POST', '/product', withoutEmpty({
				chatId: param('to'),
				productId: param('productId'),
				body: this.getNodeParameter('productBody', i, '') as string,
				footer: this.getNodeParameter('productFooter', i, '') as string,
			}));
		case 'message.sendAlbum': { // sendAlbum
			const { item = [] } = this.getNodeParameter('albumItems', i, {}) as { item?: IDataObject[] };
			return sessionRequest.call(this, i, 'POST', '/albums', {
				chatId: param('to'),
				items: item.map((entry) => withoutEmpty({ type: entry.type, media: { url: entry.url }, caption: entry.caption })),
			});
		}
		case 'message.sendButtons': { // sendButtons
			const { button = [] } = this.getNodeParameter('buttons', i, {}) as { button?: IDataObject[] };
			return sessionRequest.call(this, i, 'POST', '/buttons', interactive.call(this, i, {
				buttons: button.map((entry) => ({ id: entry.id, text: entry.text })),
			}));
		}
		case 'message.sendCarousel': { // sendCarousel
			const { card = [] } = this.getNodeParameter('carouselCards', i, {}) as { card?: IDataObject[] };
			return sessionRequest.call(this, i, 'POST', '/carousel', interactive.call(this, i, {
				cards: carouselCards(card),
			}));
		}
		case 'message.sendList': { // sendList
			const { row = [] } = this.getNodeParameter('listRows', i, {}) as { row?: IDataObject[] };
			return sessionRequest.call(this, i, 'POST', '/lists', interactive.call(this, i, {
				buttonText: param('listButtonText'),
				sections: listSections(row),
			}));
		}
		case 'message.getMany': // listMessages
			return sessionRequest.call(this, i, 'GET', '/messages', undefined, {
				chat: param('chat') ? chatJid(param('chat')) : undefined,
				limit: limit(),
			});
		case 'chat.getMany': // listChats
			return sessionRequest.call(this, i, 'GET', '/chats', undefined, {
				unread: (this.getNodeParameter('unread', i, false) as boolean) || undefined,
				limit: limit(),
			});
		case 'chat.getMessages': // listChatMessages
			return sessionRequest.call(this, i, 'GET', `/chats/${encodeURIComponent(chatJid(param('jid')))}/messages`,
				undefined, { limit: limit() });
		case 'chat.markRead': // markChatRead
			return sessionRequest.call(this, i, 'POST', `/chats/${encodeURIComponent(chatJid(param('jid')))}/read`, {});
		case 'chat.setAiResponder': // setChatAiResponder
			return sessionRequest.call(this, i, 'PUT', `/chats/${encodeURIComponent(chatJid(param('jid')))}/ai-responder`, {
				enabled: this.getNodeParameter('aiResponderEnabled', i, false) as boolean,
			});
		case 'group.create': // createGroup
			return sessionRequest.call(this, i, 'POST', '/groups', {
				subject: param('subject'),
				participants: list(param('participants')).map(chatJid),
			});
		case 'group.get': // getGroup
			return sessionRequest.call(this, i, 'GET', group());
		case 'group.getMany': // listGroups
			return sessionRequest.call(this, i, 'GET', '/groups');
		case 'group.getInviteLink': // getGroupInviteLink
			return sessionRequest.call(this, i, 'GET', `${group()}/invite-link`);
		case 'group.leave': // leaveGroup
			return sessionRequest.call(this, i, 'POST', `${group()}/leave`, {});
		case 'group.update': // updateGroup
			return sessionRequest.call(this, i, 'PATCH', group(),
				this.getNodeParameter('updateFields', i, {}) as IDataObject);
		case 'group.updateParticipants': // updateGroupParticipants
			return sessionRequest.call(this, i, 'POST', `${group()}/participants`, {
				[param('participantAction')]: list(param('participants')).map(chatJid),
			});
		default:
			throw new NodeOperationError(this.getNode(), `Unknown operation ${op} of ${resource}`, {
				itemIndex: i,
			});
	}
}

/** sendMessage: the recipient and quoted message of the item, with the content's fields (empty ones left out). */
function send(this: IExecuteFunctions, i: number, content: IDataObject): Promise<IDataObject> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body: IDataObject = { to: this.getNodeParameter('to', i) as string, ...content };
	if (options.quotedMessageId) {
		body.quotedMessageId = options.quotedMessageId;
	}
	return sessionRequest.call(this, i, 'POST', '/messages', withoutEmpty(body));
}

/** sendButtons, sendList, sendCarousel: the chat, text and footer of the item with the buttons, the list or the cards. */
function interactive(this: IExecuteFunctions, i: number, choices: IDataObject): IDataObject {
	return withoutEmpty({
		chatId: this.getNodeParameter('to', i) as string,
		text: this.getNodeParameter('interactiveText', i) as string,
		footer: this.getNodeParameter('interactiveFooter', i, '') as string,
		...choices,
	});
}

/** The body without its empty fields (an option left blank is not sent). */
function withoutEmpty(body: IDataObject): IDataObject {
	for (const key of Object.keys(body)) {
		if (body[key] === undefined || body[key] === '') {
			delete body[key];
		}
	}
	return body;
}
