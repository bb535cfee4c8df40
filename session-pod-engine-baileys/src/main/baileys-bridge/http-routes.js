// The way out for the bridge's HTTP requests and Baileys': the session's route (HTTPS_PROXY, the pod's relay on
// loopback) when there is one. Baileys 6 makes its requests with axios (options `httpsAgent`, `proxy`, `maxRedirects`,
// `timeout`), Baileys 7 with Node.js's fetch (option `dispatcher`, an undici one); the socket and the uploads take a
// Node.js agent on both.
'use strict'
const baileys = require('./baileys')

const READ_TIMEOUT_MS = 30000

// A response that redirects ends the request: the bridge downloads from WhatsApp's media host only (media-hosts.js)
function refusingRedirects(dispatch) {
  const { DecoratorHandler } = require('undici')
  class RefusingRedirects extends DecoratorHandler {
    onConnect(abort, ...rest) {
      this.abortRequest = abort
      return super.onConnect(abort, ...rest)
    }

    onHeaders(statusCode, ...rest) {
      if (statusCode >= 300 && statusCode < 400) {
        this.abortRequest(new Error(`the media host answered a redirect (${statusCode}), which is not followed`))
        return false
      }
      return super.onHeaders(statusCode, ...rest)
    }
  }
  return (options, handler) => dispatch(options, new RefusingRedirects(handler))
}

function fetchRoutes(proxy) {
  const { Agent, ProxyAgent } = require('undici')
  const timeouts = { headersTimeout: READ_TIMEOUT_MS, bodyTimeout: READ_TIMEOUT_MS }
  const routed = proxy ? { dispatcher: new ProxyAgent(proxy) } : {}
  const guarded = (proxy ? new ProxyAgent({ uri: proxy, ...timeouts }) : new Agent(timeouts)).compose(refusingRedirects)
  return { requestOptions: routed, socketOptions: routed, mediaHostOptions: { dispatcher: guarded } }
}

function axiosRoutes(agent) {
  const routed = agent ? { httpsAgent: agent, proxy: false } : {}
  if (agent) {
    // Baileys downloads some files with no options of ours (an app-state snapshot's or patch's external blob): its own
    // axios goes through the same route by default
    const axios = require(require.resolve('axios', { paths: [require.resolve('baileys')] }))
    Object.assign(axios.defaults, routed)
  }
  return {
    requestOptions: routed,
    // uploads go through fetchAgent alone (axios would otherwise apply HTTPS_PROXY a second time)
    socketOptions: agent ? { proxy: false } : {},
    mediaHostOptions: { ...routed, maxRedirects: 0, timeout: READ_TIMEOUT_MS }
  }
}

// `agent`: the socket's and the uploads'; `socketOptions`: Baileys' `options` (its own downloads); `requestOptions`:
// for a download of the bridge's; `mediaHostOptions`: for one from WhatsApp's media host (no redirect, bounded waits)
function httpRoutes() {
  const proxy = process.env.HTTPS_PROXY || process.env.https_proxy
  let agent
  if (proxy) {
    const { HttpsProxyAgent } = require('https-proxy-agent')
    agent = new HttpsProxyAgent(proxy)
  }
  return { agent, ...(baileys.usesFetch() ? fetchRoutes(proxy) : axiosRoutes(agent)) }
}

module.exports = { httpRoutes }
