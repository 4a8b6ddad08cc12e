package hudson.triggers;

import hudson.model.Descriptor;
import hudson.model.Item;

/** Stub of hudson.triggers.TriggerDescriptor. */
public abstract class TriggerDescriptor extends Descriptor<Trigger<?>> {
    protected TriggerDescriptor() {
    }

    public abstract boolean isApplicable(Item item);
}
