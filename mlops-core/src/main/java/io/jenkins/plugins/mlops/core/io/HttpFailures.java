package io.jenkins.plugins.mlops.core.io;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Why an HTTP call failed, in words: a refused connection has no message of its own (it would
 * read "unreachable: null"), and a class name means nothing to the person reading it.
 */
public final class HttpFailures {
    private HttpFailures() {
    }

    public static String why(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException && !(t instanceof HttpConnectTimeoutException)) {
                return "connection refused";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within the timeout";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within the timeout";
            }
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "the host name does not resolve";
            }
        }
        if (e != null && e.getMessage() != null && !e.getMessage().isBlank()) {
            return JacksonMessages.plain(e.getMessage());
        }
        return "the connection failed";
    }
}
