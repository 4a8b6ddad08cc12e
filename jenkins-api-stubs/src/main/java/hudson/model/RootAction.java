package hudson.model;

import hudson.ExtensionPoint;

/** Stub of hudson.model.RootAction: an action on Jenkins's root (the model registry page). */
public interface RootAction extends Action, ExtensionPoint {
}
