package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.regex.Pattern;

/**
 * The Spark master URLs the Spark engine accepts: {@code local}, {@code local[N]}, {@code local[*]}
 * (with an optional {@code ,F} for task retries), {@code local-cluster[W,C,M]}, {@code spark://HOST:PORT}
 * (a comma-separated list for a standby master), {@code yarn} and {@code k8s://[http[s]://]HOST[:PORT]}.
 * Checked before Spark sees the value: a front end may hand it to a child process as an argument,
 * so anything else, an option-like {@code -x} above all, is refused as bad input.
 */
public final class SparkMaster {
    private static final String HOST = "([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])";
    private static final Pattern URL = Pattern.compile("local"
            + "|local\\[([1-9][0-9]{0,5}|\\*)(,[1-9][0-9]{0,3})?\\]"
            + "|local-cluster\\[[1-9][0-9]{0,3},[1-9][0-9]{0,3},[1-9][0-9]{0,6}\\]"
            + "|spark://" + HOST + ":[0-9]{1,5}(," + HOST + ":[0-9]{1,5})*"
            + "|yarn"
            + "|k8s://(https?://)?" + HOST + "(:[0-9]{1,5})?");

    private SparkMaster() {
    }

    /**
     * {@code master} when it is one of the accepted forms.
     *
     * @param option how the user gave it ({@code --master}, {@code sparkMaster}), named in the message
     * @throws BadInputException naming the option, the value and the forms accepted
     */
    public static String check(String master, String option) {
        if (master == null || !URL.matcher(master).matches()) {
            throw BadInputException.at(option, 0, "'" + master + "' is not a Spark master URL",
                    "use local[*] (every core of this machine), local[N], local, spark://HOST:PORT, yarn or k8s://HOST:PORT");
        }
        return master;
    }
}
