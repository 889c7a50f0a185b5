package io.stateside.proxy.entity;

import io.stateside.protocol.Metadata;

/**
 * What a streamed call says before its first message: the method it calls and the request's
 * metadata. A kind that opens its own stream per call (actions) needs both even when the client
 * sends no message at all.
 */
public record StreamHeader(String methodName, Metadata metadata) {}
