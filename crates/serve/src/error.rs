//! Errors of the server and their JSON form: `{"error": {"status": 404, "message": "…"}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// What went wrong while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Nothing has this id.
    #[error("not found: {0}")]
    NotFound(String),
    /// A parameter or body is malformed.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A write without (or with a wrong) bearer token.
    #[error("a valid `Authorization: Bearer` token is required")]
    Unauthorized,
    /// A write while the server has no token configured.
    #[error("write endpoints are disabled (start the server with --token or BYLINE_TOKEN)")]
    WritesDisabled,
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] byline_store::Error),
    /// Extraction failed.
    #[error("extract: {0}")]
    Extract(#[from] byline_extract::Error),
    /// Linking failed.
    #[error("link: {0}")]
    Link(#[from] byline_link::Error),
    /// Anything else on the server side.
    #[error("internal: {0}")]
    Internal(String),
}

/// Results of the data layer and handlers.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::WritesDisabled => StatusCode::FORBIDDEN,
            Error::Store(byline_store::Error::InvalidQuery(_)) => StatusCode::BAD_REQUEST,
            Error::Extract(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Store(_) | Error::Link(_) | Error::Internal(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

/// The JSON body of an error answer.
pub fn error_body(status: StatusCode, message: &str) -> serde_json::Value {
    serde_json::json!({ "error": { "status": status.as_u16(), "message": message } })
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        (status, Json(error_body(status, &self.to_string()))).into_response()
    }
}
