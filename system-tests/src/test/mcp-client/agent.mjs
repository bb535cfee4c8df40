// An AI agent's side of kubezap's MCP server, written with the official MCP TypeScript SDK exactly as a user would:
// Streamable HTTP to the gateway's /mcp with a gateway key. system-tests McpIT runs it against the whole system.
//
//   node agent.mjs '{"url": "http://gateway:8080/mcp", "key": "...", "tool": "send_text", "arguments": {...}}'
//
// Prints one JSON line: {"tools": [names], "result": <the tool's result>} or {"error": "<why the server refused>"}.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const asked = JSON.parse(process.argv[2]);
const headers = asked.key ? { "X-Api-Key": asked.key } : {};
const transport = new StreamableHTTPClientTransport(new URL(asked.url), { requestInit: { headers } });
const client = new Client({ name: "kubezap-mcp-test", version: "1.0.0" });

try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  const result = asked.tool ? await client.callTool({ name: asked.tool, arguments: asked.arguments ?? {} }) : null;
  console.log(JSON.stringify({ tools: tools.map((tool) => tool.name), result }));
} catch (refused) {
  console.log(JSON.stringify({ error: String(refused?.message ?? refused) }));
} finally {
  await client.close().catch(() => {});
}
