use aws_config::Region;
use aws_sdk_bedrockruntime::Client;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let config = aws_config::from_env().region(Region::new("ca-central-1")).load().await;
    let client = Client::new(&config);
    let reply = client.converse().model_id("amazon.titan-text-express-v1").send().await?;
    println!("{:?}", reply.output());
    Ok(())
}
