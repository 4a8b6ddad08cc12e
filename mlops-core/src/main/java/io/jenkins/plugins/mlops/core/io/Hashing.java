package io.jenkins.plugins.mlops.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 content hashes, streamed so a file of any size hashes in constant memory. */
public final class Hashing {
    private Hashing() {
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(newSha256().digest(content));
    }

    public static String sha256(String content) {
        return sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static String sha256(Path file) {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The first 12 hex digits: enough to tell hashes apart on a page. */
    public static String shortHash(String hex) {
        return hex == null ? "" : hex.substring(0, Math.min(12, hex.length()));
    }
}
