package io.attune.bootstrap.wiring;

import io.attune.adapters.expressions.workflow.OrquestaExpressions;
import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.PackRepository;
import io.attune.application.port.out.WorkflowDefinitions;
import io.attune.domain.action.RunnerType;
import io.attune.domain.workflow.WorkflowSource;
import io.attune.domain.workflow.expr.Expressions;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Scratch only: reads workflow sources from the pack's files (the stored definitions are another branch's). */
@Factory
public class ScratchWorkflowBeans {

    @Singleton
    Expressions expressions() {
        return new OrquestaExpressions();
    }

    @Singleton
    WorkflowDefinitions definitions(ActionRepository actions, PackRepository packs,
                                    io.attune.application.port.out.TransactionRunner tx) {
        return ref -> tx.readOnly(() -> actions.find(ref)).filter(a -> a.runner() == RunnerType.WORKFLOW)
                .flatMap(a -> tx.readOnly(() -> packs.find(ref.pack())).map(p -> {
                    String file = "actions/" + a.entryPoint().orElseThrow();
                    try {
                        return new WorkflowSource(file, Files.readString(Path.of(p.path()).resolve(file)));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
    }
}
