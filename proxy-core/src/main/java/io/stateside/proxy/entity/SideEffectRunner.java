package io.stateside.proxy.entity;

import io.stateside.protocol.SideEffect;
import java.util.List;

/**
 * Runs side effects that no caller waits for, such as those of the user function's answer to a
 * cancelled stream: each as a call of its own, with the default deadline; a failure is logged.
 */
public interface SideEffectRunner {

  void run(List<SideEffect> effects);
}
