-- The W3C trace context of a message's intake (trace.StoredTrace), so every delivery attempt, also after a restart,
-- is a span of the same trace and carries its traceparent to the partner. Null for messages stored before: their
-- deliveries start a new trace. bericht.trace_id keeps the trace id the audit records of the message name (for new
-- messages the 32 hex digits of this traceparent).
alter table bericht add column traceparent varchar(55);
alter table bericht add column tracestate varchar(512);
