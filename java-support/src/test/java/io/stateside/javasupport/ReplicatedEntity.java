package io.stateside.javasupport;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.javasupport.test.AuditRecord;
import io.stateside.javasupport.test.AuditProto;
import io.stateside.javasupport.test.ChangeRequest;
import io.stateside.javasupport.test.Operation;
import io.stateside.javasupport.test.ReplicatedProto;
import io.stateside.javasupport.test.View;
import io.stateside.javasupport.test.WatchRequest;
import java.util.Optional;

/**
 * The library's test CRDT entity. The entity id's prefix (before the first '-') picks the CRDT:
 * gcounter, pncounter, gset, orset, records (an ORSet of AuditRecord messages), register, flag,
 * map (an ORMap of string keys to GCounters) or vote. Change applies operations in order; Watch
 * streams the CRDT's text after every change.
 */
final class ReplicatedEntity {

  static final ServiceDescriptor SERVICE = ReplicatedProto.getDescriptor().findServiceByName("ReplicatedService");
  static final ServiceDescriptor AUDIT = AuditProto.getDescriptor().findServiceByName("AuditService");

  private ReplicatedEntity() {}

  static CrdtEntity definition() {
    return CrdtEntity.builder(SERVICE)
        .valueType(AuditRecord.class)
        .onCommand("Change", ChangeRequest.class, View.class, ReplicatedEntity::change)
        .onStreamedCommand("Watch", WatchRequest.class, View.class, ReplicatedEntity::watch)
        .build();
  }

  static View view(Crdt crdt) {
    return View.newBuilder().setText(crdt.toString()).build();
  }

  static SideEffect audit(String entityId, String action) {
    return SideEffect.asynchronous(ServiceCall.of(AUDIT, "Record",
        AuditRecord.newBuilder().setAccountId(entityId).setAction(action).build()));
  }

  private static ActionEffect<View> change(ChangeRequest request, CrdtContext context) {
    Crdt crdt = crdtOf(context);
    for (Operation operation : request.getOperationsList()) {
      switch (operation.getOp()) {
        case "fail" -> {
          return ActionEffect.fail(operation.getArg());
        }
        case "throw" -> throw new IllegalStateException("a bug in a command handler");
        case "delete" -> context.delete();
        case "reply-with-header" -> {
          return ActionEffect.reply(view(crdt), Metadata.empty().with("x-crdt", operation.getArg()));
        }
        case "forward" -> {
          return ActionEffect.forward(ServiceCall.of(SERVICE, "Change", ChangeRequest.getDefaultInstance()));
        }
        default -> apply(crdt, operation);
      }
    }
    if (!request.getConsistency().isEmpty()) {
      context.writeConsistency(WriteConsistency.valueOf(request.getConsistency()));
    }
    ActionEffect<View> reply = ActionEffect.reply(view(crdt));
    return request.getAudit() ? reply.withSideEffects(audit(context.entityId(), "changed")) : reply;
  }

  private static ActionEffect<View> watch(WatchRequest request, CrdtStreamedContext<View> context) {
    Crdt crdt = crdtOf(context);
    if (context.isStreamed()) {
      context.onChange(change -> {
        Crdt now = change.state(Crdt.class);
        if (request.getAuditEach()) {
          change.addSideEffects(audit(change.entityId(), "watched"));
        }
        if (now.toString().equals(request.getEndAt())) {
          change.endStream();
        }
        if (now.toString().equals("GCounter(13)")) {
          throw new IllegalStateException("a bug in a change callback");
        }
        return request.getSilent() ? Optional.empty() : Optional.of(view(now));
      });
      if (request.getOnCancelCount() > 0) {
        context.onCancel(cancelled -> {
          Crdt current = cancelled.state(Crdt.class).orElseThrow();
          request.getOnCancelList().forEach(operation -> apply(current, operation));
          cancelled.addSideEffects(audit(cancelled.entityId(), "cancelled"));
        });
      }
    }
    return request.getSilent() ? ActionEffect.noReply() : ActionEffect.reply(view(crdt));
  }

  private static Crdt crdtOf(CrdtContext context) {
    String type = context.entityId().split("-", 2)[0];
    return switch (type) {
      case "gcounter" -> context.getOrCreate(GCounter.class, GCounter::new);
      case "pncounter" -> context.getOrCreate(PNCounter.class, PNCounter::new);
      case "gset" -> context.getOrCreate(GSet.class, GSet<String>::new);
      case "orset" -> context.getOrCreate(ORSet.class, ORSet<String>::new);
      case "records" -> context.getOrCreate(ORSet.class, ORSet<AuditRecord>::new);
      case "register" -> context.getOrCreate(LWWRegister.class, () -> new LWWRegister<>(""));
      case "flag" -> context.getOrCreate(Flag.class, Flag::new);
      case "map" -> context.getOrCreate(ORMap.class, ORMap<String, Crdt>::new);
      case "vote" -> context.getOrCreate(Vote.class, Vote::new);
      default -> throw new IllegalArgumentException("No CRDT type for entity " + context.entityId());
    };
  }

  @SuppressWarnings("unchecked")
  private static void apply(Crdt crdt, Operation operation) {
    String arg = operation.getArg();
    long amount = operation.getAmount();
    if (crdt instanceof GCounter counter) {
      counter.increment(amount);
    } else if (crdt instanceof PNCounter counter) {
      counter.increment(amount);
    } else if (crdt instanceof GSet<?> set) {
      ((GSet<String>) set).add(arg);
    } else if (crdt instanceof ORSet<?> set) {
      ORSet<Object> elements = (ORSet<Object>) set;
      Object element = operation.getOp().startsWith("record")
          ? AuditRecord.newBuilder().setAccountId(arg).build() : arg;
      switch (operation.getOp()) {
        case "add", "record-add" -> elements.add(element);
        case "remove", "record-remove" -> elements.remove(element);
        case "clear" -> elements.clear();
        default -> throw new IllegalArgumentException(operation.getOp());
      }
    } else if (crdt instanceof LWWRegister<?> register) {
      LWWRegister<String> value = (LWWRegister<String>) register;
      switch (operation.getOp()) {
        case "set" -> value.set(arg);
        case "set-reverse" -> value.set(arg, LWWRegister.Clock.REVERSE, 0);
        case "set-custom" -> value.set(arg, LWWRegister.Clock.CUSTOM, amount);
        case "set-auto" -> value.set(arg, LWWRegister.Clock.CUSTOM_AUTO_INCREMENT, amount);
        default -> throw new IllegalArgumentException(operation.getOp());
      }
    } else if (crdt instanceof Flag flag) {
      flag.enable();
    } else if (crdt instanceof ORMap<?, ?> map) {
      ORMap<String, Crdt> entries = (ORMap<String, Crdt>) map;
      switch (operation.getOp()) {
        case "map-inc" -> ((GCounter) entries.getOrCreate(arg, GCounter::new)).increment(amount);
        case "map-set" -> ((LWWRegister<String>) entries.getOrCreate(arg, () -> new LWWRegister<>(""))).set("x" + amount);
        case "remove" -> entries.remove(arg);
        case "clear" -> entries.clear();
        default -> throw new IllegalArgumentException(operation.getOp());
      }
    } else if (crdt instanceof Vote vote) {
      vote.vote(amount > 0);
    }
  }
}
