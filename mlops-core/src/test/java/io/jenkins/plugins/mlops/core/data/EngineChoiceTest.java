package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import org.junit.Test;

/**
 * The engine rule both front ends share: local unless spark is chosen, a master only with spark and
 * only as a Spark master URL, and every refusal names the field as the front end calls it and the fix.
 */
public class EngineChoiceTest {
    @Test
    public void noEngineOrLocalScansLocallyAndSparkWithOrWithoutAMasterScansOnSpark() {
        assertThat(EngineChoice.onSpark(null, null, "--engine", "--master")).isFalse();
        assertThat(EngineChoice.onSpark("local", null, "--engine", "--master")).isFalse();
        assertThat(EngineChoice.onSpark("spark", null, "--engine", "--master")).isTrue();
        assertThat(EngineChoice.onSpark("spark", "local[2]", "engine", "sparkMaster")).isTrue();
        assertThat(EngineChoice.onSpark("spark", "spark://10.0.0.5:7077", "engine", "sparkMaster")).isTrue();
    }

    @Test
    public void anUnknownEngineIsRefusedNamingTheFieldAndTheTwoEngines() {
        assertThatThrownBy(() -> EngineChoice.onSpark("beam", null, "engine", "sparkMaster")).isInstanceOf(BadInputException.class)
                .hasMessage("engine: 'beam' is not local or spark. Fix: leave engine out for local (the default), or set it to spark");
        assertThatThrownBy(() -> EngineChoice.onSpark("", "local[2]", "--engine", "--master")).isInstanceOf(BadInputException.class)
                .hasMessage("--engine: '' is not local or spark. Fix: leave --engine out for local (the default), or set it to spark");
    }

    @Test
    public void aMasterWithoutTheSparkEngineIsRefusedNotIgnored() {
        for (String engine : new String[] {null, "local"}) {
            assertThatThrownBy(() -> EngineChoice.onSpark(engine, "local[2]", "engine", "sparkMaster")).as(engine)
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("sparkMaster: applies to the spark engine only. Fix: set engine to spark, or leave sparkMaster out");
        }
        assertThatThrownBy(() -> EngineChoice.onSpark(null, "yarn", "--engine", "--master")).isInstanceOf(BadInputException.class)
                .hasMessage("--master: applies to the spark engine only. Fix: set --engine to spark, or leave --master out");
    }

    @Test
    public void aMasterThatIsNoSparkMasterUrlIsRefusedNamingTheMastersField() {
        assertThatThrownBy(() -> EngineChoice.onSpark("spark", "--conf=spark.driver.extraJavaOptions=x", "engine", "sparkMaster"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("sparkMaster: '--conf=spark.driver.extraJavaOptions=x' is not a Spark master URL. Fix: use local[*]");
        assertThatThrownBy(() -> EngineChoice.onSpark("spark", "", "--engine", "--master")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--master: '' is not a Spark master URL");
    }
}
