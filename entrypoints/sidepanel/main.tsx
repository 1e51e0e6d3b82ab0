import { render } from 'preact';
import { SidePanel } from '../../components/SidePanel';

const root = document.getElementById('app');
if (root) render(<SidePanel requestedDocKey={new URLSearchParams(location.search).get('doc')} />, root);
