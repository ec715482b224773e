import { describe, expect, it } from 'vitest';
import { htmlToText, textToHtml } from './html';

describe('htmlToText', () => {
  it('keeps text and line breaks, drops code, handlers and frames', () => {
    const html = '<p style="color:red">第一段 &amp; <b>加粗</b> a &lt; b</p><script>alert(1)</script><style>p{}</style><iframe src="https://evil.example">框架</iframe><div onclick="x()">第二段&nbsp;内容<br>换行</div>';
    expect(htmlToText(html)).toEqual({ text: '第一段 & 加粗 a < b\n第二段 内容\n换行' });
  });

  it('keeps the first http(s) image with its alt text, and no other scheme', () => {
    expect(htmlToText('<p>题</p><img src="https://e.org/a.jpg" alt="会址" onerror="alert(1)">').image).toEqual({ image: 'https://e.org/a.jpg', alt: '会址' });
    expect(htmlToText('<img src="https://e.org/a.jpg">').image).toEqual({ image: 'https://e.org/a.jpg', alt: '题目配图' });
    expect(htmlToText('<img src="javascript:alert(1)" alt="x">').image).toBeUndefined();
    expect(htmlToText('<img src="@@PLUGINFILE@@/yida.png" alt="x">').image).toBeUndefined();
    expect(htmlToText('<img src="/media/yida.png" alt="x">').image).toEqual({ image: '/media/yida.png', alt: 'x' });
    expect(htmlToText(`<img src="data:image/png;base64,${'A'.repeat(100)}">`).image).toBeUndefined();
  });

  it('reads back what textToHtml writes', () => {
    const text = '“引号” <标签> & 符号\n第二行';
    const image = { image: 'https://e.org/a.jpg?x=1&y=2', alt: '图 "一"' };
    expect(htmlToText(textToHtml(text, image))).toEqual({ text, image });
  });
});
