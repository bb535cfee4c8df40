package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.kubezap.contract.ProxyKind;

/** The proxy a session reaches WhatsApp through. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Proxy.CREDENTIALS_IN_PAIRS, message = "proxy.usernameRef and proxy.passwordRef go together",
        reason = "FieldValueRequired")
public class Proxy {

    /** CEL: a user name without a password (or the reverse) authenticates nobody. */
    public static final String CREDENTIALS_IN_PAIRS = "has(self.usernameRef) == has(self.passwordRef)";
    /** A host name or an IPv4 or IPv6 address (no scheme, no port, no credentials). */
    public static final String HOST_PATTERN = "^([A-Za-z0-9]([-A-Za-z0-9.]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f.]{0,15}){2,8})$";

    @JsonPropertyDescription("HTTP (a proxy that opens tunnels with CONNECT) or SOCKS5.")
    @Required
    private ProxyKind type;

    @JsonPropertyDescription("The proxy's host name or IP address. A private or in-cluster address is reachable only when the cluster admin allows it (operator setting kubezap.session.media-url-allow-list), as for webhooks and sends by URL.")
    @Required
    @Pattern(HOST_PATTERN)
    private String host;

    @JsonPropertyDescription("The proxy's port.")
    @Required
    @Min(1)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the proxy's user name (HTTP Basic, SOCKS5 user/password). Rotating it rolls the pod.")
    private SecretKeyRef usernameRef;

    @JsonPropertyDescription("Key of a Secret (labelled kubezap.io/session-secret=true) holding the proxy's password. Rotating it rolls the pod.")
    private SecretKeyRef passwordRef;

    public ProxyKind getType() { return type; }
    public void setType(ProxyKind type) { this.type = type; }

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }

    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }

    public SecretKeyRef getUsernameRef() { return usernameRef; }
    public void setUsernameRef(SecretKeyRef usernameRef) { this.usernameRef = usernameRef; }

    public SecretKeyRef getPasswordRef() { return passwordRef; }
    public void setPasswordRef(SecretKeyRef passwordRef) { this.passwordRef = passwordRef; }

    /** The URL the session pod reads: {@code http://host:port} or {@code socks5://host:port}, IPv6 in brackets. */
    public String url() {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return type.scheme() + "://" + address + ":" + port;
    }
}
