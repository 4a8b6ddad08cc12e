package jenkins.security.stapler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stub of jenkins.security.stapler.StaplerAccessibleType: Stapler may route a URL to an object of
 * this type even though the type has no web method (Jenkins's TypedFilter refuses such getters' results otherwise).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StaplerAccessibleType {
}
