//! The protocol handlers: thin glue between `tower-lsp-server` and the modules that do the work.
//!
//! Notification handlers never `.await` before they have applied their change, and never wait
//! on a request to the client: anything that needs the client is spawned.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CodeActionResponse, ConfigurationItem, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, DocumentSymbolParams,
    DocumentSymbolResponse, FileSystemWatcher, GlobPattern, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, InitializedParams, InlayHint, InlayHintParams, Location, MessageType, OneOf,
    PrepareRenameResponse, ReferenceParams, Registration, RenameOptions, RenameParams,
    ServerCapabilities, ServerInfo, TextDocumentPositionParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
    WorkDoneProgressOptions, WorkspaceEdit, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, LanguageServer};

use super::convert;
use super::documents::is_config_file;
use super::output::Output;
use super::state::{ClientFlags, State, lock};
use super::worker;
use super::{code_actions, hover, inlay_hints, navigation, symbols};

pub struct Backend {
    state: Arc<State>,
}

impl Backend {
    pub fn new(
        client: Client,
        output: Arc<Output>,
        shutdown_requested: Arc<AtomicBool>,
    ) -> Backend {
        let state = Arc::new(State::new(client, output, shutdown_requested));
        worker::start(state.clone());
        Backend { state }
    }

    /// Takes editor settings and re-checks every draft; a bad setting is reported and dropped.
    fn apply_editor_settings(&self, value: Value) {
        let result = lock(&self.state.settings).set_editor(value);
        if let Err(e) = result {
            self.state.show_message(
                MessageType::ERROR,
                format!("copydesk: invalid settings: {e}. The defaults are in force."),
            );
        }
        self.state.settings_changed();
    }

    /// Asks the client for the `copydesk` section, in a task of its own.
    fn pull_configuration(&self) {
        let state = self.state.clone();
        tokio::spawn(async move {
            let items = vec![ConfigurationItem {
                scope_uri: None,
                section: Some("copydesk".to_string()),
            }];
            match state.client.configuration(items).await {
                Ok(mut values) if !values.is_empty() => {
                    let value = values.swap_remove(0);
                    if value.is_null() {
                        return;
                    }
                    let result = lock(&state.settings).set_editor(value);
                    if let Err(e) = result {
                        state.show_message(
                            MessageType::ERROR,
                            format!("copydesk: invalid settings: {e}. The defaults are in force."),
                        );
                    }
                    state.settings_changed();
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("workspace/configuration failed: {e}"),
            }
        });
    }

    fn config_files_changed(&self) {
        lock(&self.state.settings).files_changed();
        self.state.settings_changed();
    }
}

fn client_flags(params: &InitializeParams) -> ClientFlags {
    let workspace = params.capabilities.workspace.as_ref();
    ClientFlags {
        pull_configuration: workspace.and_then(|w| w.configuration) == Some(true),
        watch_files: workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            == Some(true),
        document_changes: workspace
            .and_then(|w| w.workspace_edit.as_ref())
            .and_then(|w| w.document_changes)
            == Some(true),
        inlay_hint_refresh: workspace
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|w| w.refresh_support)
            == Some(true),
        code_descriptions: params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.code_description_support)
            == Some(true),
    }
}

fn capabilities(state: &State) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(convert::encoding_kind(state.encoding())),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: Some(false),
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = convert::negotiate_encoding(&params.capabilities);
        self.state.set_encoding(encoding);
        let _ = self.state.flags.set(client_flags(&params));
        if let Some(options) = params.initialization_options {
            self.apply_editor_settings(options);
        }
        tracing::debug!(?encoding, "initialized");
        Ok(InitializeResult {
            capabilities: capabilities(&self.state),
            server_info: Some(ServerInfo {
                name: "copydesk".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let flags = self.state.flags();
        if flags.pull_configuration {
            self.pull_configuration();
        }
        if flags.watch_files {
            let client = self.state.client.clone();
            tokio::spawn(async move {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!(
                            "**/{}",
                            crate::config_file::FILE_NAME
                        )),
                        kind: None,
                    }],
                };
                let registration = Registration {
                    id: "copydesk-config-watcher".to_string(),
                    method: "workspace/didChangeWatchedFiles".to_string(),
                    register_options: serde_json::to_value(options).ok(),
                };
                if let Err(e) = client.register_capability(vec![registration]).await {
                    tracing::warn!("cannot watch configuration files: {e}");
                }
            });
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        lock(&self.state.docs).open(doc.uri.clone(), &doc.language_id, doc.version, doc.text);
        self.state.mark_dirty(&doc.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let (result, evicted) = {
            let mut docs = lock(&self.state.docs);
            let result = docs.change(
                &uri,
                version,
                &params.content_changes,
                self.state.encoding(),
            );
            // This draft may have pushed another out of those that keep an analysis cache.
            (result, docs.evict_caches())
        };
        // Freed outside the lock.
        drop(evicted);
        match result {
            Ok(()) => self.state.mark_dirty(&uri),
            Err(e) => tracing::warn!(uri = uri.as_str(), version, "change ignored: {e:?}"),
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if is_config_file(&params.text_document.uri) {
            self.config_files_changed();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if lock(&self.state.docs).close(&uri) {
            self.state.mark_dirty(&uri);
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match params.settings {
            Value::Object(map) if map.contains_key("copydesk") => {
                self.apply_editor_settings(Value::Object(map));
            }
            Value::Null => {
                if self.state.flags().pull_configuration {
                    self.pull_configuration();
                }
            }
            Value::Object(map) if map.is_empty() => {
                if self.state.flags().pull_configuration {
                    self.pull_configuration();
                }
            }
            other => self.apply_editor_settings(other),
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params
            .changes
            .iter()
            .any(|change| is_config_file(&change.uri))
        {
            self.config_files_changed();
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(snap) = self.state.snapshot(&at.text_document.uri) else {
            return Ok(None);
        };
        Ok(hover::hover(&snap, at.position))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(
            symbols::document_symbols(&snap),
        )))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let snapshots = self.state.all_snapshots();
        Ok(Some(WorkspaceSymbolResponse::Nested(
            symbols::workspace_symbols(&snapshots, &params.query),
        )))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let Some(snap) = self.state.snapshot(&at.text_document.uri) else {
            return Ok(None);
        };
        Ok(navigation::definition(&snap, at.position).map(GotoDefinitionResponse::Scalar))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let Some(snap) = self.state.snapshot(&at.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(navigation::references(
            &snap,
            at.position,
            params.context.include_declaration,
        )))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        navigation::prepare_rename(&snap, params.position).map(Some)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let Some(snap) = self.state.snapshot(&at.text_document.uri) else {
            return Ok(None);
        };
        let versioned = self.state.flags().document_changes;
        navigation::rename(&snap, at.position, &params.new_name, versioned).map(Some)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let flags = self.state.flags();
        Ok(Some(code_actions::code_actions(&snap, &params, flags)))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snap) = self.state.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        Ok(Some(inlay_hints::inlay_hints(&snap, params.range)))
    }
}
