package io.jenkins.plugins.mlops.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A count option ({@code --threads}, {@code --last}, {@code --chart-runs}): a whole number of 1 or
 * more. Picocli names the option and its value in the message; this says what is wrong.
 */
public final class PositiveNumber implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number; give 1 or more");
        }
        if (n < 1) {
            throw new TypeConversionException("'" + value + "' is less than 1; give 1 or more");
        }
        return n;
    }
}
