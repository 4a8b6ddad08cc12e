package org.springframework.security.access;

/** UNCHECKED stub (not in signatures.txt; see README): thrown by AccessControlled.checkPermission. */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String msg) {
        super(msg);
    }
}
