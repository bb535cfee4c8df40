// Sends a text through kubezap, finds it in the session's messages, then waits for the phone's answer on the live
// event stream. Usage: node dist/examples/send-and-follow.js <base URL> <API key> <namespace or -> <session> <to> <text>
import { Configuration, MessagesApi, followEvents } from '../lib';

async function main([basePath, apiKey, namespace, session, to, text]: string[]) {
  const config = new Configuration({ basePath, apiKey });
  const messages = new MessagesApi(config);
  const ns = namespace === '-' ? undefined : namespace;
  // subscribed before sending: the answer cannot slip past
  const replies = await followEvents(config, { namespace: ns, session, types: ['message.received'] });
  const sent = ns
    ? await messages.sendMessage({ namespace: ns, name: session, outgoingMessage: { to, text } })
    : await messages.sendMessageInDefaultNamespace({ name: session, outgoingMessage: { to, text } });
  console.log(`sent ${sent.id} ${sent.status}`);
  const page = ns
    ? await messages.listMessages({ namespace: ns, name: session, limit: 20 })
    : await messages.listMessagesInDefaultNamespace({ name: session, limit: 20 });
  console.log(`listed ${page.items?.some((message) => message.id === sent.id)}`);
  for await (const event of replies) {
    if (event.payload?.from?.startsWith(to)) {
      console.log(`reply ${event.payload.text}`);
      return;
    }
  }
  throw new Error('the event stream ended before the reply');
}

main(process.argv.slice(2)).then(() => process.exit(0), (error) => {
  console.error(error);
  process.exit(1);
});
