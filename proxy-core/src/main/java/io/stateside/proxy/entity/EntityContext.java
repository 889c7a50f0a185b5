package io.stateside.proxy.entity;

import akka.actor.ActorSystem;
import akka.grpc.GrpcClientSettings;
import io.stateside.proxy.config.ProxySettings;

/** What an entity type needs from the running proxy to start its entities. */
public record EntityContext(
    ActorSystem system, ProxySettings settings, GrpcClientSettings userFunction) {}
