package io.attune.bootstrap.wiring;

import io.attune.application.port.out.ActionRepository;
import io.attune.application.port.out.ExecutionRepository;
import io.attune.application.port.out.KeyRepository;
import io.attune.application.port.out.SecretCipher;
import io.attune.application.port.out.TransactionRunner;
import io.attune.application.port.out.WorkflowDefinitions;
import io.attune.application.port.out.WorkflowReader;
import io.attune.application.port.out.WorkflowRepository;
import io.attune.application.service.Dispatch;
import io.attune.application.service.EndListener;
import io.attune.application.service.ExecutionEnding;
import io.attune.application.service.ExecutionService;
import io.attune.adapters.expressions.workflow.OrquestaExpressions;
import io.attune.application.service.WorkflowCatalog;
import io.attune.application.service.WorkflowDesignService;
import io.attune.application.service.WorkflowService;
import io.attune.domain.workflow.WorkflowEngine;
import io.attune.domain.workflow.expr.Expressions;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds what runs workflows: the engine over the expression language, the catalog of parsed definitions, and the
 * workflow service (the executor's workflow duties, the API's workflow commands, and the listener of children's ends).
 * Without a workflow reader, stored workflow definitions and an expression language, this instance runs no workflows.
 */
@Factory
public class WorkflowFactory {

    /** The workflow expression language: YAQL {@code <% %>} (the domain's subset) and Jinja {@code {{ }}} (Jinjava). */
    @Singleton
    Expressions workflowExpressions() {
        return new OrquestaExpressions();
    }

    @Singleton
    @Requires(beans = {WorkflowDefinitions.class, WorkflowReader.class, Expressions.class})
    WorkflowDesignService workflowDesign(WorkflowReader reader, WorkflowDefinitions definitions, ActionRepository actions,
                                         TransactionRunner tx, Expressions expressions) {
        return new WorkflowDesignService(reader, definitions, actions, tx, expressions);
    }

    @Singleton
    @Requires(beans = Expressions.class)
    WorkflowEngine workflowEngine(Expressions expressions) {
        return new WorkflowEngine(expressions);
    }

    @Singleton
    @Requires(beans = {WorkflowDefinitions.class, WorkflowReader.class})
    WorkflowCatalog workflowCatalog(WorkflowDefinitions definitions, WorkflowReader reader) {
        return new WorkflowCatalog(definitions, reader);
    }

    @Singleton
    @Bean(typed = {WorkflowService.class, io.attune.application.port.in.WorkflowDuties.class,
            io.attune.application.port.in.WorkflowCommands.class})
    @Requires(beans = {WorkflowCatalog.class, WorkflowEngine.class})
    WorkflowService workflowService(ExecutionService requests, ExecutionRepository executions, ActionRepository actions,
                                    WorkflowRepository workflows, WorkflowCatalog catalog, WorkflowEngine engine,
                                    KeyRepository keys, SecretCipher cipher, Dispatch dispatch, ExecutionEnding ending,
                                    TransactionRunner tx, Clock clock) {
        return new WorkflowService(requests, executions, actions, workflows, catalog, engine, keys, cipher, dispatch,
                ending, tx, clock);
    }

    /**
     * A child's end reaches its workflow inside the ending's transaction. The service is looked up when an end comes
     * (it is built after the ending, which it ends workflows through); without it no workflow runs, so none waits.
     */
    @Singleton
    EndListener workflowChildEnds(BeanProvider<WorkflowService> workflows) {
        return (ended, pending) -> {
            if (ended.parent().isPresent() && ended.task().isPresent()) {
                workflows.ifPresent(service -> service.onEnded(ended, pending));
            }
        };
    }

    /** A task waiting for a person reaches its workflow inside the transaction that made it wait (see workflowChildEnds). */
    @Singleton
    io.attune.application.service.WaitListener workflowChildWaits(BeanProvider<WorkflowService> workflows) {
        return (waiting, pending) -> {
            if (waiting.parent().isPresent() && waiting.task().isPresent()) {
                workflows.ifPresent(service -> service.onWaiting(waiting, pending));
            }
        };
    }
}
