package io.kubezap.gateway.proxy;

/** A session pod's answer to one call made for a caller: its status and its body (JSON, or a problem). */
public record PodAnswer(int status, String body) {

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
