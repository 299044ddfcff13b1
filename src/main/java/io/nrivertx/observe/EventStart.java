package io.nrivertx.observe;

/**
 * A lifecycle event entering the runtime.
 *
 * @param operation the event as NRI spells it ("CreateContainer")
 * @param namespace the domain the event belongs to, or null when unknown
 * @param podId the pod's id, or null when the request carries no pod
 * @param containerId the container's id, or null for pod events
 * @param parent the caller's context: the request options' parent, else what
 *     {@link NriObserver#callerContext()} returned, else, for requests from the event bus, the
 *     message's headers as an unmodifiable {@code Map<String, String>} (W3C trace context travels
 *     there as {@code traceparent}/{@code tracestate}); null when there is none
 */
public record EventStart(String operation, String namespace, String podId, String containerId, Object parent) {
}
