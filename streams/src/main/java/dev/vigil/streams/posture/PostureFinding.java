package dev.vigil.streams.posture;

import tools.jackson.databind.node.ObjectNode;

/**
 * A finding the current state shows: which rule, about which object (its store key, for telling later whether the
 * object is gone), the message and the evidence details of its alert.
 */
record PostureFinding(String ruleId, PostureObject subject, String message, ObjectNode details) {
}
