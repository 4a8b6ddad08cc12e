package org.springframework.security.access;

/** Stub (checked against signatures.txt since it is read from the real jars): thrown by AccessControlled.checkPermission. */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String msg) {
        super(msg);
    }
}
