package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import org.junit.Test;

/** The master URLs Spark's users write pass; an option-like or malformed value is bad input naming the option. */
public class SparkMasterTest {
    @Test
    public void theMasterFormsSparkDocumentsAreAccepted() {
        for (String master : new String[] {"local", "local[2]", "local[*]", "local[4,3]", "local[*,2]", "local-cluster[2,1,1024]",
                "spark://127.0.0.1:7077", "spark://master-1.example.com:7077,master-2.example.com:7077", "spark://[::1]:7077",
                "yarn", "k8s://https://kubernetes.example.com:6443", "k8s://10.0.0.1:443", "k8s://http://127.0.0.1"}) {
            assertThat(SparkMaster.check(master, "--master")).isEqualTo(master);
        }
    }

    @Test
    public void optionsAndMalformedUrlsAreRefusedNamingTheOptionAndTheForms() {
        for (String bad : new String[] {"-x", "--conf=spark.x=y", "local[0]", "local[two]", "local[2] ", " local", "spark://host",
                "spark://host:7077 --verbose", "yarn-client", "mesos://host:5050", "k8s://", "file:///etc/passwd", "", "local;rm"}) {
            assertThatThrownBy(() -> SparkMaster.check(bad, "sparkMaster")).as(bad).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith("sparkMaster: '" + bad + "' is not a Spark master URL")
                    .hasMessageContaining("local[*]").hasMessageContaining("spark://HOST:PORT");
        }
        assertThatThrownBy(() -> SparkMaster.check(null, "sparkMaster")).isInstanceOf(BadInputException.class);
    }
}
