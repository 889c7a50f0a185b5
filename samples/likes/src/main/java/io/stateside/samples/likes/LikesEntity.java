package io.stateside.samples.likes;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.stateside.javasupport.ActionEffect;
import io.stateside.javasupport.CrdtContext;
import io.stateside.javasupport.CrdtEntity;
import io.stateside.javasupport.CrdtStreamedContext;
import io.stateside.javasupport.ORSet;
import io.stateside.javasupport.WriteConsistency;
import io.stateside.samples.likes.api.GetLikesRequest;
import io.stateside.samples.likes.api.LikeRequest;
import io.stateside.samples.likes.api.Likes;
import io.stateside.samples.likes.api.LikesApi;
import io.stateside.samples.likes.api.UnlikeRequest;
import io.stateside.samples.likes.api.WatchLikesRequest;
import java.util.Optional;

/**
 * The likes of one item: the set of users who like it, an {@link ORSet} of user ids, so that a
 * like and an unlike made on different nodes at the same time merge (the like wins).
 */
public final class LikesEntity {

  static final ServiceDescriptor SERVICE = LikesApi.getDescriptor().findServiceByName("LikesService");

  private LikesEntity() {}

  public static CrdtEntity definition() {
    return CrdtEntity.builder(SERVICE)
        .persistenceId("likes")
        .onCommand("Like", LikeRequest.class, Likes.class, LikesEntity::like)
        .onCommand("Unlike", UnlikeRequest.class, Likes.class, LikesEntity::unlike)
        .onCommand("GetLikes", GetLikesRequest.class, Likes.class, (get, context) -> ActionEffect.reply(likes(context)))
        .onStreamedCommand("WatchLikes", WatchLikesRequest.class, Likes.class, LikesEntity::watch)
        .build();
  }

  private static ActionEffect<Likes> like(LikeRequest like, CrdtContext context) {
    if (like.getUserId().isBlank()) {
      return ActionEffect.fail("A like needs a user id.");
    }
    likers(context).add(like.getUserId());
    return ActionEffect.reply(likes(context));
  }

  private static ActionEffect<Likes> unlike(UnlikeRequest unlike, CrdtContext context) {
    likers(context).remove(unlike.getUserId());
    // A user who takes a like back should not see it again on the next node they reach.
    context.writeConsistency(WriteConsistency.MAJORITY);
    return ActionEffect.reply(likes(context));
  }

  private static ActionEffect<Likes> watch(WatchLikesRequest watch, CrdtStreamedContext<Likes> context) {
    if (context.isStreamed()) {
      context.onChange(change -> Optional.of(likes(change.state(ORSet.class))));
    }
    return ActionEffect.reply(likes(context));
  }

  private static ORSet<String> likers(CrdtContext context) {
    return context.getOrCreate(ORSet.class, ORSet<String>::new);
  }

  private static Likes likes(CrdtContext context) {
    return likes(likers(context));
  }

  private static Likes likes(ORSet<?> likers) {
    return Likes.newBuilder()
        .setCount(likers.size())
        .addAllUserIds(likers.elements().stream().map(String.class::cast).sorted().toList())
        .build();
  }
}
