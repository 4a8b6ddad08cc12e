package org.kohsuke.stapler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stub of org.kohsuke.stapler.QueryParameter. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;
}
